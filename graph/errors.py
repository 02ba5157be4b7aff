"""One exception hierarchy for ketenkaart; converted to messages at the edges (CLI, UI)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ChainError", "Problem", "ChainDataError", "UnknownElement", "NoRoute"]


class ChainError(Exception):
    """Base class of every error ketenkaart raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with input data, located precisely.

    ``location`` is ``file:line`` for text files, ``file[sheet]:row`` for
    workbooks, or a subject IRI for RDF.

    >>> str(Problem("data/handoffs.yaml:12", "to", "unknown organisation 'vt'"))
    "data/handoffs.yaml:12: to: unknown organisation 'vt'"
    """

    location: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.field}: {self.message}"


class ChainDataError(ChainError):
    """Input data is invalid. Carries every problem found, not just the first.

    >>> err = ChainDataError([Problem("a.yaml:3", "id", "duplicate id 'x'")])
    >>> print(err)
    1 problem in the chain data:
    a.yaml:3: id: duplicate id 'x'
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        lines = [f"{len(self.problems)} {noun} in the chain data:"]
        lines += [str(p) for p in self.problems]
        super().__init__("\n".join(lines))


class UnknownElement(ChainError, KeyError):
    """An id that is not in the model; suggests the nearest known ids."""

    def __init__(self, element_id: str, suggestions: list[str] | tuple[str, ...] = (), kind: str = "element"):
        self.element_id = element_id
        self.suggestions = tuple(suggestions)
        message = f"unknown {kind} {element_id!r}"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions) + "?"
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class NoRoute(ChainError):
    """No route between two elements within the given bounds."""
