"""The plain record every reader yields, and what the builder consumes.

A record is one element in the canonical YAML form of ``docs/data-format.md``
(``from``/``to`` for hand-offs, nested ``norm``/``failure_modes``/``durations``),
plus where it came from, so every problem can name file and line (or sheet
and row, or RDF subject) and field.

>>> r = Record(kind="organisations", data={"id": "politie"}, location="organisations.yaml:3",
...            field_locations={"id": "organisations.yaml:3"})
>>> r.where("id"), r.where("name")
('organisations.yaml:3', 'organisations.yaml:3')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Record", "RecordSet"]


@dataclass(frozen=True)
class Record:
    kind: str  # a key of graph.model.ELEMENT_KINDS
    data: dict[str, Any]
    location: str  # "file:line", "file[sheet]:row" or "file#<subject IRI>"
    field_locations: dict[str, str] = field(default_factory=dict)

    def where(self, field_name: str) -> str:
        """The most precise location known for a field of this record."""
        return self.field_locations.get(field_name, self.location)


@dataclass(frozen=True)
class RecordSet:
    """What one reader makes of one input (a folder, a workbook, a Turtle file).

    ``problems`` holds what the reader itself could not read (syntax errors,
    unreadable cells); the builder adds the validation problems and raises
    them all together.
    """

    records: list[Record]
    region: str
    title: str = ""
    problems: list = field(default_factory=list)  # list[graph.errors.Problem]
