"""Knelpunten: one ranked list of the hand-offs and organisations where cases stall, one row per element.

Each row weighs two kinds of reasons:

- **evidence from practice** (:mod:`queries.evidence`): the curated
  observations and failure modes (:class:`queries.evidence.CuratedEvidence`,
  always included), and whatever other providers are passed (a case log, the
  Doorbraakteam register);
- **rule findings** (:mod:`queries.bottlenecks`): what the chain's
  structure, law and agreements show (a bridge, a weak legal basis, no
  regie while waiting).

The severity scale (the written definitions are in ``docs/knelpunten.md``):

- **hoog** — practice shows that cases stall here: confirming evidence
  (:attr:`queries.evidence.Evidence.confirms`: a wait over the norm, a
  waiting list, an inspection or court finding) about the last
  ``recent_years`` years from at least two different sources, or the
  region's own cases (a case log or the register) confirm it;
- **aandacht** — a substantive reason without that proof: evidence from
  practice that is older or rests on one source, a failure mode a source
  names, or a rule finding of level aandacht (structure, legal basis, regie);
- **laag** — only light gaps (no norm, no required feedback, no escalation
  route, a basis nobody verified, a busy organisation).

Rows are ordered by severity, then score, then element id. The score adds:
25 per distinct source of recent confirming evidence (at most 4), 8 per
distinct source of older confirming evidence (at most 4), 5 per other piece
of evidence with a category (at most 3), 6 per aandacht finding and 1 per
laag finding (together at most 25), 20 times the structural impact of a bridge
or articulation point, and 5 for a hand-off on the main route. The score only
orders rows within a severity; the row's ``explanation_nl`` says in words
what it rests on.

Examples
--------
>>> from graph.examples import toy_chain
>>> ranking = knelpunten(toy_chain())
>>> [(r.element, r.severity.value) for r in ranking.rows[:3]]
[('ho-vt-raad', 'aandacht'), ('ho-vt-lokaal-team', 'aandacht'), ('veilig-thuis', 'aandacht')]
>>> import textwrap
>>> print(textwrap.fill(ranking.rows[0].explanation_nl, 100))
1 bron uit de praktijk; gemiddelde wachttijd 30 dagen tegen een norm van 10 dagen (toy, 2023); regie
tijdens het wachten blijft bij Veilig Thuis; op de hoofdroute
>>> ranking.share(Severity.HOOG), ranking.flagged
(0.0, 5)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.encode import reference
from graph.model import ChainModel, HandOff, Organisation
from graph.text import element_name, join_en, join_nl
from graph.vocab import CATEGORY_NAMES, Category
from queries.bottlenecks import (
    SEVERITY_ORDER,
    Finding,
    Rule,
    Severity,
    bottlenecks,
    findings_for,
    parse_level,
    parse_member,
)
from queries.evidence import (
    CuratedEvidence,
    Evidence,
    EvidenceKind,
    EvidenceProvider,
    collect_evidence,
)

__all__ = [
    "HOOG_SOURCES",
    "RECENT_YEARS",
    "Knelpunt",
    "Ranking",
    "Reason",
    "handoffs_by_rank",
    "knelpunten",
]

RECENT_YEARS = 5  # evidence about the last five years (before the newest evidence) counts as recent
HOOG_SOURCES = 2  # recent confirming evidence from at least this many different sources makes hoog
_OWN_CASES = {EvidenceKind.CASE_LOG.value, EvidenceKind.REGISTER.value}
_STRUCTURE = {Rule.BRIDGE, Rule.ARTICULATION_POINT}


@dataclass(frozen=True)
class Reason:
    """One reason on a row: a piece of evidence or a rule finding.

    ``level`` is what the reason supports on its own: ``hoog`` for recent
    confirming evidence (hoog for the row still needs a second source),
    ``aandacht`` or ``laag`` otherwise.
    """

    origin: str  # "practice" or "rule"
    code: str  # the evidence kind or the rule
    level: Severity
    categories: tuple[Category, ...]
    text_nl: str
    text_en: str
    sources: tuple[str, ...]
    confirms: bool = False
    recent: bool = False
    verified: bool = True
    period_end: dt.date | None = None
    evidence: Evidence | None = None
    finding: Finding | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a reason (see docs/json.md)."""
        return {
            "origin": self.origin,
            "code": self.code,
            "level": self.level.value,
            "categories": [c.value for c in self.categories],
            "text_nl": self.text_nl,
            "text_en": self.text_en,
            "sources": list(self.sources),
            "confirms": self.confirms,
            "recent": self.recent,
            "verified": self.verified,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "figures": [{"label_nl": nl, "label_en": en, "value": v} for nl, en, v in self.evidence.figures]
            if self.evidence else [],
        }


@dataclass(frozen=True)
class Knelpunt:
    """One ranked row: an element and all its reasons.

    ``categories`` are the categories of the reasons of level aandacht or
    higher (what the row is *about*); ``practice_sources`` the distinct sources
    of confirming evidence from practice.
    """

    element: str
    kind: str  # "handoffs" or "organisations"
    name: str
    name_en: str
    severity: Severity
    score: int
    categories: tuple[Category, ...]
    practice_sources: tuple[str, ...]
    recent_sources: tuple[str, ...]
    reasons: tuple[Reason, ...]
    explanation_nl: str
    explanation_en: str
    main_route: bool = False

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for r in self.reasons for s in r.sources))

    def as_dict(self, model: ChainModel) -> dict[str, Any]:
        """The JSON shape of a row (see docs/json.md)."""
        return {
            "element": reference(model, self.element),
            "kind": self.kind,
            "severity": self.severity.value,
            "score": self.score,
            "categories": [c.value for c in self.categories],
            "explanation_nl": self.explanation_nl,
            "explanation_en": self.explanation_en,
            "practice_sources": list(self.practice_sources),
            "recent_sources": list(self.recent_sources),
            "main_route": self.main_route,
            "reasons": [r.as_dict() for r in self.reasons],
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Ranking:
    """The ranked rows, and the figures that say what "flagged" means here.

    ``rows`` are the rows asked for (after the filters); ``every_row`` all of
    them, so the counts and shares always describe the whole chain.
    ``elements`` counts every hand-off and organisation (the denominator of
    the shares); ``reference`` is the day recency is measured from (the end
    of the newest evidence unless given).
    """

    rows: tuple[Knelpunt, ...]
    elements: int
    reference: dt.date | None
    recent_from: dt.date | None
    every_row: tuple[Knelpunt, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for r in (self.every_row or self.rows) if r.severity is severity)

    @property
    def flagged(self) -> int:
        """Rows of severity hoog or aandacht."""
        return self.count(Severity.HOOG) + self.count(Severity.AANDACHT)

    def share(self, severity: Severity | None = None) -> float:
        """The share of all elements at this severity (None: flagged), rounded to 3 digits."""
        n = self.flagged if severity is None else self.count(severity)
        return round(n / self.elements, 3) if self.elements else 0.0

    def row(self, element_id: str) -> Knelpunt | None:
        """The element's row (filters or not), or None when it has none."""
        return next((r for r in (self.every_row or self.rows) if r.element == element_id), None)

    def rank(self, element_id: str) -> int | None:
        """1-based position of the element in the whole list, or None when it has no row."""
        return next((i for i, r in enumerate(self.every_row or self.rows, 1) if r.element == element_id), None)

    def summary(self) -> dict[str, Any]:
        return {
            "elements": self.elements,
            "rows": len(self.every_row or self.rows),
            "hoog": self.count(Severity.HOOG),
            "aandacht": self.count(Severity.AANDACHT),
            "laag": self.count(Severity.LAAG),
            "flagged_share": self.share(),
            "hoog_share": self.share(Severity.HOOG),
            "reference": self.reference.isoformat() if self.reference else None,
            "recent_from": self.recent_from.isoformat() if self.recent_from else None,
        }

    def as_dict(self, model: ChainModel) -> dict[str, Any]:
        """The JSON shape of the list (``bottlenecks --json``; see docs/json.md)."""
        return {"summary": self.summary(), "knelpunten": [r.as_dict(model) for r in self.rows]}


def _evidence_reason(e: Evidence, cutoff: dt.date | None) -> Reason | None:
    recent = bool(e.confirms and e.period_end and cutoff and e.period_end >= cutoff)
    if not e.confirms and not e.categories:
        return None  # context (a volume, a share): shown with the evidence, no reason by itself
    level = Severity.HOOG if recent else Severity.AANDACHT
    return Reason(
        origin="practice", code=e.kind, level=level, categories=e.categories,
        text_nl=e.summary_nl or e.note_nl or e.title_nl, text_en=e.summary_en or e.note_en or e.title_en,
        sources=e.sources, confirms=e.confirms, recent=recent, verified=e.verified, period_end=e.period_end,
        evidence=e,
    )


def _finding_reason(f: Finding) -> Reason:
    return Reason(
        origin="rule", code=f.rule.value, level=f.level, categories=(f.category,) if f.category else (),
        text_nl=f.reason_nl, text_en=f.reason_en, sources=f.sources, finding=f,
    )


def _severity(reasons: Sequence[Reason], recent_sources: set[str]) -> Severity:
    own = any(r.confirms and r.code in _OWN_CASES for r in reasons)
    if own or len(recent_sources) >= HOOG_SOURCES:
        return Severity.HOOG
    if any(r.level in (Severity.HOOG, Severity.AANDACHT) for r in reasons):
        return Severity.AANDACHT
    return Severity.LAAG


def _headline(reasons: Sequence[Reason], lang: str) -> str | None:
    """The figure to show on the row: a wait against its norm first, else the newest confirming evidence."""
    practice = [r for r in reasons if r.origin == "practice" and r.confirms and r.evidence is not None]
    if not practice:
        return None

    def weight(r: Reason) -> tuple[int, int, int]:
        text = r.evidence.summary_nl or "" if r.evidence else ""
        has_norm = int(" tegen een norm van " in text)
        return (-int(r.recent), -has_norm, -(r.period_end.toordinal() if r.period_end else 0))

    best = min(practice, key=weight)
    return best.text_en if lang == "en" else best.text_nl


def _explain(reasons: Sequence[Reason], practice: set[str], recent: set[str], main_route: bool) -> tuple[str, str]:
    nl: list[str] = []
    en: list[str] = []
    if practice:
        n = len(practice)
        nl.append(f"{n} {'bron' if n == 1 else 'bronnen'} uit de praktijk"
                  + (f", waarvan {len(recent)} recent" if recent and len(recent) < n else ""))
        en.append(f"{n} {'source' if n == 1 else 'sources'} from practice"
                  + (f", {len(recent)} of them recent" if recent and len(recent) < n else ""))
        nl.append(_headline(reasons, "nl") or "")
        en.append(_headline(reasons, "en") or "")
    else:
        reported = [r for r in reasons if r.origin == "practice"]
        if reported:
            nl.append(f"{len(reported)} gemeld{'' if len(reported) == 1 else 'e'} knelpunt"
                      f"{'' if len(reported) == 1 else 'en'}, niet bevestigd door cijfers of inspecties")
            en.append(f"{len(reported)} reported problem{'' if len(reported) == 1 else 's'}, "
                      "not confirmed by figures or inspections")
        else:
            nl.append("geen bewijs uit de praktijk")
            en.append("no evidence from practice")
    shorts: dict[str, str] = {}
    for r in reasons:
        if r.finding is not None and r.level is Severity.AANDACHT:
            shorts.setdefault(r.finding.short_nl, r.finding.short_en)
    for short_nl, short_en in list(shorts.items())[:3]:
        nl.append(short_nl)
        en.append(short_en)
    if not shorts:
        light = [r.finding for r in reasons if r.finding is not None]
        if light:
            nl.append(join_nl([f.short_nl for f in light[:3]]))
            en.append(join_en([f.short_en for f in light[:3]]))
    if main_route:
        nl.append("op de hoofdroute")
        en.append("on the main route")
    return "; ".join(p for p in nl if p), "; ".join(p for p in en if p)


def _score(reasons: Sequence[Reason], practice: set[str], recent: set[str], main_route: bool) -> int:
    older = practice - recent
    other = sum(1 for r in reasons if r.origin == "practice" and not r.confirms)
    findings = sum(6 if r.level is Severity.AANDACHT else 1 for r in reasons if r.finding is not None)
    structure = max((r.finding.impact for r in reasons if r.finding is not None and r.finding.rule in _STRUCTURE),
                    default=0.0)
    return (25 * min(len(recent), 4) + 8 * min(len(older), 4) + 5 * min(other, 3) + min(findings, 25)
            + round(20 * structure) + (5 if main_route else 0))


def knelpunten(
    model: ChainModel,
    *,
    evidence: Iterable[EvidenceProvider] = (),
    curated: bool = True,
    recent_years: int = RECENT_YEARS,
    as_of: dt.date | None = None,
    severity: str | Severity | None = None,
    category: str | Category | None = None,
) -> Ranking:
    """The ranked knelpunten of ``model`` (see the module docstring for the scale and the score).

    Parameters
    ----------
    model : ChainModel
    evidence : iterable of EvidenceProvider
        More evidence from practice (a case log, the register), after the curated evidence.
    curated : bool
        Include the model's own observations and failure modes (default True).
    recent_years : int
        Evidence whose period ends at most this many years before the reference day is recent.
    as_of : date, optional
        The reference day; default the end of the newest evidence.
    severity : str, optional
        Only rows of at least this severity (``hoog``, ``aandacht``, ``laag``).
    category : str, optional
        Only rows with a reason of this category (a :class:`graph.vocab.Category` value).

    Returns
    -------
    Ranking
        ``elements`` and the shares always count the whole chain, whatever the filters.

    Raises
    ------
    graph.errors.ChainError
        An unknown severity or category.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> [r.element for r in knelpunten(toy_chain(), category="wachttijd-capaciteit").rows]
    ['ho-vt-raad']
    """
    floor = parse_level(severity)
    wanted = parse_member(Category, category, "category")
    providers: list[EvidenceProvider] = ([CuratedEvidence(model)] if curated else []) + list(evidence)
    elements: list[HandOff | Organisation] = [*model.handoffs, *model.organisations]
    collected = {e.id: collect_evidence(providers, e.id) for e in elements}
    ends = [item.period_end for items in collected.values() for item in items if item.period_end]
    reference_day = as_of or (max(ends) if ends else None)
    cutoff = reference_day.replace(year=reference_day.year - recent_years) if reference_day else None
    found = bottlenecks(model)

    rows: list[Knelpunt] = []
    for element in elements:
        reasons = [r for r in (_evidence_reason(e, cutoff) for e in collected[element.id]) if r is not None]
        reasons += [_finding_reason(f) for f in findings_for(found, element.id)]
        if not reasons:
            continue
        practice = {s for r in reasons if r.confirms for s in r.sources}
        recent = {s for r in reasons if r.recent for s in r.sources}
        main_route = isinstance(element, HandOff) and element.main_route
        level = _severity(reasons, recent)
        ordered = sorted(reasons, key=lambda r: (r.origin != "practice", not r.confirms, not r.recent,
                                                 SEVERITY_ORDER.index(r.level),
                                                 -(r.period_end.toordinal() if r.period_end else 0)))
        categories = tuple(dict.fromkeys(c for r in ordered if r.level is not Severity.LAAG for c in r.categories))
        nl, en = _explain(ordered, practice, recent, main_route)
        rows.append(Knelpunt(
            element=element.id,
            kind="handoffs" if isinstance(element, HandOff) else "organisations",
            name=element_name(element, "nl"),
            name_en=element_name(element, "en"),
            severity=level,
            score=_score(ordered, practice, recent, main_route),
            categories=categories,
            practice_sources=tuple(sorted(practice)),
            recent_sources=tuple(sorted(recent)),
            reasons=tuple(ordered),
            explanation_nl=nl,
            explanation_en=en,
            main_route=main_route,
        ))
    rows.sort(key=lambda r: (SEVERITY_ORDER.index(r.severity), -r.score, r.element))
    every_row = tuple(rows)
    if floor is not None:
        rows = [r for r in rows if SEVERITY_ORDER.index(r.severity) <= SEVERITY_ORDER.index(floor)]
    if wanted is not None:
        rows = [r for r in rows if wanted in r.categories]
    return Ranking(rows=tuple(rows), elements=len(elements), reference=reference_day, recent_from=cutoff,
                   every_row=every_row)


def handoffs_by_rank(model: ChainModel, *, evidence: Iterable[EvidenceProvider] = ()) -> list[str]:
    """Every hand-off id in knelpunten order; hand-offs without a row last, by id.

    >>> from graph.examples import toy_chain
    >>> handoffs_by_rank(toy_chain())[:2]
    ['ho-vt-raad', 'ho-vt-lokaal-team']
    """
    ranking = knelpunten(model, evidence=evidence)
    order = {r.element: i for i, r in enumerate(ranking.rows)}
    return sorted((h.id for h in model.handoffs), key=lambda h: (order.get(h, len(order)), h))


def category_names(categories: Iterable[Category], lang: str = "nl") -> str:
    """Categories in words, joined ("wachttijd / capaciteit en regie")."""
    names = [CATEGORY_NAMES[c].in_(lang) for c in categories]
    return join_en(names) if lang == "en" else join_nl(names)


