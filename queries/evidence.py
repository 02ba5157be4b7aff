"""Evidence from practice: what is known about an element beyond the chain's structure.

Structure says where a case *could* stall (no norm, no feedback, a bridge);
evidence says where cases *do*: observed waits over the norm, waiting lists,
inspection findings, measured case logs, cases the Doorbraakteam reviewed.
Every source of such knowledge implements :class:`EvidenceProvider` — one
interface for the public figures in the curated data, case-log statistics
and the Doorbraakteam register — and is passed to the queries that weigh it
(``explain_handoff(model, handoff_id, evidence=[provider, …])``). Items are
kept in the order the providers were given.

Providers showing figures derived from case data must apply the small-cell
suppression themselves (never a count under the threshold), so the
explanation can show ``figures`` as they come.

Examples
--------
>>> class Fixed:
...     def evidence_for(self, handoff_id):
...         return (Evidence(kind="example", title_nl="Voorbeeld", title_en="Example",
...                          figures=(("mediaan", "median", "4 dagen"),), sources=("toy-source",)),)
>>> isinstance(Fixed(), EvidenceProvider)
True
>>> collect_evidence([Fixed()], "ho-politie-vt")[0].figures
(('mediaan', 'median', '4 dagen'),)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from graph.vocab import Category

__all__ = ["Evidence", "EvidenceKind", "EvidenceProvider", "collect_evidence"]


class EvidenceKind(StrEnum):
    """Where a piece of evidence comes from."""

    PUBLIC_FIGURE = "public-figure"  # a sourced observation in the curated data (waits, waiting lists, volumes)
    INSPECTION = "inspection-finding"  # a finding of an inspection, the Onderzoeksraad or a study
    CASE_LOG = "case-log"  # measured from a pseudonymised case event log (suppressed)
    REGISTER = "register"  # cases reviewed by the Doorbraakteam


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence from practice about a hand-off or an organisation.

    Attributes
    ----------
    kind : str
        Where it comes from: an :class:`EvidenceKind` value (``"case-log"``, ``"register"``, …).
    title_nl, title_en : str
        A heading in Dutch and English.
    figures : tuple of (label_nl, label_en, value_str)
        Figures to show as a small table; values are already formatted
        (and suppressed where needed).
    note_nl, note_en : str or None
        A sentence of explanation.
    sources : tuple of str
        Source ids (or other citable references) behind it.
    element : str
        The id of the hand-off or organisation it is about.
    categories : tuple of Category
        What it says goes wrong there (the closed vocabulary of :class:`graph.vocab.Category`).
    period_start, period_end : date or None
        The period it describes.
    confirms : bool
        Whether it shows from practice that cases stall there (a wait over the
        norm, a waiting list, an inspection finding, reviewed cases). Only
        confirming evidence can make a finding *hoog*.
    """

    kind: str
    title_nl: str
    title_en: str
    figures: tuple[tuple[str, str, str], ...] = ()
    note_nl: str | None = None
    note_en: str | None = None
    sources: tuple[str, ...] = ()
    element: str = ""
    categories: tuple[Category, ...] = ()
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    confirms: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a piece of evidence (see docs/json.md)."""
        return {
            "kind": self.kind,
            "element": self.element,
            "title_nl": self.title_nl,
            "title_en": self.title_en,
            "figures": [{"label_nl": nl, "label_en": en, "value": v} for nl, en, v in self.figures],
            "note_nl": self.note_nl,
            "note_en": self.note_en,
            "categories": [c.value for c in self.categories],
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "confirms": self.confirms,
            "sources": list(self.sources),
        }


@runtime_checkable
class EvidenceProvider(Protocol):
    """Something that knows more about hand-offs and organisations than the chain's structure."""

    def evidence_for(self, element_id: str) -> tuple[Evidence, ...]:
        """Evidence about this hand-off or organisation; ``()`` when there is none."""
        ...


def collect_evidence(providers: Iterable[EvidenceProvider], element_id: str) -> tuple[Evidence, ...]:
    """All evidence about ``element_id``, provider by provider, in the order given."""
    items: list[Evidence] = []
    for provider in providers:
        items.extend(provider.evidence_for(element_id))
    return tuple(items)
