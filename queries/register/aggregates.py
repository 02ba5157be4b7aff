"""What the register says per chain element and per category: counts of reviewed casussen.

Pure functions over a :class:`loaders.register.records.Snapshot`. A count is
the number of distinct casussen (not knelpunten) reviewed in the period with a
knelpunt on the element. For *lezers* (and everything that leaves the team:
the report, ``ketenkaart why``) counts go through the small-cell suppression
of :mod:`queries.cases.suppression`: 1 … threshold−1 shows as ``<5``.
Agreements are shown only when taken beyond the casus itself (level
werkproces, beleid, regelgeving or rijk): a casus-level agreement is casus detail.

Examples
--------
>>> from loaders.register.records import Snapshot
>>> from loaders.register.demo import example_snapshot
>>> snap = example_snapshot()
>>> f = element_findings(snap, suppressed=False)[0]
>>> f.element, f.casussen.label, [(c.value, n.label) for c, n in f.categories]
('ho-vt-lokaal-team', '2', [('terugkoppeling', '2'), ('regie', '1')])
>>> element_findings(snap, suppressed=True)[0].casussen.label
'<5'
>>> sorted(handoff_findings(snap, suppressed=True))
['ho-raad-kinderrechter', 'ho-vt-lokaal-team']
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from graph.settings import MIN_SUPPRESSION_THRESHOLD
from graph.vocab import Category
from loaders.register.records import Agreement, Casus, Snapshot
from loaders.register.vocab import Level
from queries.cases.suppression import Count, check_threshold, suppress

__all__ = [
    "CategoryTotal",
    "ElementFinding",
    "category_totals",
    "count",
    "element_findings",
    "handoff_findings",
    "in_period",
    "shared_agreements",
]


def count(n: int, threshold: int = MIN_SUPPRESSION_THRESHOLD, *, suppressed: bool = True) -> Count:
    """``n`` as a :class:`Count`: suppressed (``<5``) when asked, else shown as it is.

    >>> count(3).label, count(3, suppressed=False).label
    ('<5', '3')
    """
    check_threshold(threshold)
    return suppress(n, threshold) if suppressed else Count(int(n), threshold)


def in_period(snapshot: Snapshot, start: dt.date | None = None, end: dt.date | None = None) -> tuple[Casus, ...]:
    """The casussen reviewed from ``start`` to ``end`` (both included; None = open)."""
    return tuple(c for c in snapshot.casussen
                 if (start is None or c.review_date >= start) and (end is None or c.review_date <= end))


def shared_agreements(agreements: tuple[Agreement, ...] | list[Agreement]) -> tuple[Agreement, ...]:
    """The agreements that may leave the casus: taken to werkproces, beleid, regelgeving or rijk; newest first."""
    shown = [a for a in agreements if a.level is not Level.CASE]
    return tuple(sorted(shown, key=lambda a: (a.agreed_on, a.id), reverse=True))


@dataclass(frozen=True)
class ElementFinding:
    """The register's findings on one chain element."""

    element: str
    casussen: Count
    knelpunten: Count
    categories: tuple[tuple[Category, Count], ...]  # most casussen first
    period_start: dt.date | None
    period_end: dt.date | None
    agreements: tuple[Agreement, ...]  # beyond casus level, newest first
    true_casussen: int  # for ordering only; never shown where ``casussen`` is suppressed

    @property
    def top_categories(self) -> tuple[Category, ...]:
        return tuple(c for c, _ in self.categories)


def element_findings(snapshot: Snapshot, *, threshold: int = MIN_SUPPRESSION_THRESHOLD, suppressed: bool = True,
                     start: dt.date | None = None, end: dt.date | None = None,
                     elements: set[str] | None = None) -> list[ElementFinding]:
    """Per chain element: casussen that stalled there, their categories, the period, the agreements.

    Sorted by the number of casussen (most first), then by element id.
    """
    cases: dict[str, set[int]] = {}
    knelpunten: Counter[str] = Counter()
    by_category: dict[str, dict[Category, set[int]]] = {}
    days: dict[str, list[dt.date]] = {}
    agreements: dict[str, list[Agreement]] = {}
    for c in in_period(snapshot, start, end):
        for k in c.knelpunten:
            for element in k.elements:
                if elements is not None and element not in elements:
                    continue
                cases.setdefault(element, set()).add(c.id)
                knelpunten[element] += 1
                by_category.setdefault(element, {}).setdefault(k.category, set()).add(c.id)
                days.setdefault(element, []).append(c.review_date)
                agreements.setdefault(element, []).extend(k.agreements)
    found = []
    for element, ids in cases.items():
        categories = sorted(by_category[element].items(), key=lambda item: (-len(item[1]), list(Category).index(item[0])))
        found.append(ElementFinding(
            element=element,
            casussen=count(len(ids), threshold, suppressed=suppressed),
            knelpunten=count(knelpunten[element], threshold, suppressed=suppressed),
            categories=tuple((cat, count(len(s), threshold, suppressed=suppressed)) for cat, s in categories),
            period_start=min(days[element]), period_end=max(days[element]),
            agreements=shared_agreements(agreements[element]),
            true_casussen=len(ids),
        ))
    found.sort(key=lambda f: (-f.true_casussen, f.element))
    return found


def handoff_findings(snapshot: Snapshot, handoff_ids: set[str] | None = None, *,
                     threshold: int = MIN_SUPPRESSION_THRESHOLD, suppressed: bool = True,
                     start: dt.date | None = None, end: dt.date | None = None) -> dict[str, ElementFinding]:
    """For the map: per hand-off id, the register's (suppressed) count and categories.

    ``handoff_ids`` limits the result to the model's hand-offs (pass ``{h.id for h in model.handoffs}``);
    without it every element id starting with ``ho-`` or found in knelpunten is returned.
    The map colours a hand-off by ``true_casussen > 0`` and labels it with ``casussen.label``.
    """
    found = element_findings(snapshot, threshold=threshold, suppressed=suppressed, start=start, end=end,
                             elements=handoff_ids)
    if handoff_ids is None:
        found = [f for f in found if f.element.startswith("ho-")]
    return {f.element: f for f in found}


@dataclass(frozen=True)
class CategoryTotal:
    category: Category
    casussen: Count
    knelpunten: Count
    true_casussen: int


def category_totals(snapshot: Snapshot, *, threshold: int = MIN_SUPPRESSION_THRESHOLD, suppressed: bool = True,
                    start: dt.date | None = None, end: dt.date | None = None) -> list[CategoryTotal]:
    """Per category: casussen and knelpunten in the period (most casussen first; empty categories left out)."""
    cases: dict[Category, set[int]] = {}
    knelpunten: Counter[Category] = Counter()
    for c in in_period(snapshot, start, end):
        for k in c.knelpunten:
            cases.setdefault(k.category, set()).add(c.id)
            knelpunten[k.category] += 1
    rows = [CategoryTotal(cat, count(len(ids), threshold, suppressed=suppressed),
                          count(knelpunten[cat], threshold, suppressed=suppressed), len(ids))
            for cat, ids in cases.items()]
    rows.sort(key=lambda r: (-r.true_casussen, list(Category).index(r.category)))
    return rows
