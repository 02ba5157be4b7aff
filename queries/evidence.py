"""The extension point of :func:`queries.explain.explain_handoff`: evidence about a hand-off
that does not come from the chain model itself.

A provider (measured timings from case logs, findings recorded by the
Doorbraakteam, …) implements :class:`EvidenceProvider` and is passed to
``explain_handoff(graph, handoff_id, evidence=[provider, …])``. Its items are
added to the explanation in the order the providers were given.

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

from dataclasses import dataclass
from typing import Iterable, Protocol, runtime_checkable

__all__ = ["Evidence", "EvidenceProvider", "collect_evidence"]


@dataclass(frozen=True)
class Evidence:
    """One piece of outside evidence about a hand-off.

    Attributes
    ----------
    kind : str
        Short machine name of what it is, e.g. ``"practice-timing"`` or
        ``"doorbraakteam-finding"``.
    title_nl, title_en : str
        A heading in Dutch and English.
    figures : tuple of (label_nl, label_en, value_str)
        Figures to show as a small table; values are already formatted
        (and suppressed where needed).
    note_nl, note_en : str or None
        A sentence of explanation.
    sources : tuple of str
        Source ids (or other citable references) behind it.
    """

    kind: str
    title_nl: str
    title_en: str
    figures: tuple[tuple[str, str, str], ...] = ()
    note_nl: str | None = None
    note_en: str | None = None
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title_nl": self.title_nl,
            "title_en": self.title_en,
            "figures": [{"label_nl": nl, "label_en": en, "value": v} for nl, en, v in self.figures],
            "note_nl": self.note_nl,
            "note_en": self.note_en,
            "sources": list(self.sources),
        }


@runtime_checkable
class EvidenceProvider(Protocol):
    """Something that knows more about hand-offs than the chain model."""

    def evidence_for(self, handoff_id: str) -> tuple[Evidence, ...]:
        """Evidence about this hand-off; ``()`` when there is none."""
        ...


def collect_evidence(providers: Iterable[EvidenceProvider], handoff_id: str) -> tuple[Evidence, ...]:
    """All evidence about ``handoff_id``, provider by provider, in the order given."""
    items: list[Evidence] = []
    for provider in providers:
        items.extend(provider.evidence_for(handoff_id))
    return tuple(items)
