"""Systeemknelpunten as the pages and the report show them: the pattern, how many casussen, where in the chain.

A *lezer* sees each systeemknelpunt with a suppressed casus count, its chain
elements and categories; a member also sees which casussen and knelpunten it
groups (``members=True``).

>>> from loaders.register.demo import example_snapshot
>>> view = system_views(example_snapshot())[0]
>>> view.issue.code, view.casussen.label, view.elements, view.knelpunten
('SYS-2026-01', '<5', ('ho-vt-lokaal-team',), ())
>>> system_views(example_snapshot(), members=True)[0].knelpunten
(('DBT-2026-001', 1), ('DBT-2026-002', 1))
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.settings import MIN_SUPPRESSION_THRESHOLD
from loaders.register.records import Snapshot, SystemIssue
from queries.cases.suppression import Count
from queries.register.aggregates import count

__all__ = ["SystemView", "system_views"]


@dataclass(frozen=True)
class SystemView:
    issue: SystemIssue
    casussen: Count
    elements: tuple[str, ...]  # the chain elements of its knelpunten, most frequent first
    knelpunten: tuple[tuple[str | None, int], ...]  # (casus code, knelpunt number), members only


def system_views(snapshot: Snapshot, *, threshold: int = MIN_SUPPRESSION_THRESHOLD, members: bool = False) -> list[SystemView]:
    """Every systeemknelpunt, by code. Counts are suppressed unless ``members``."""
    owner = snapshot.casus_of()
    by_id = {k.id: k for k in snapshot.knelpunten()}
    views = []
    for issue in snapshot.system_issues:
        kps = [by_id[i] for i in issue.knelpunt_ids if i in by_id]
        tally: dict[str, int] = {}
        for k in kps:
            for e in k.elements:
                tally[e] = tally.get(e, 0) + 1
        elements = tuple(sorted(tally, key=lambda e: (-tally[e], e)))
        casussen = {owner[k.id].id for k in kps}
        refs = tuple((owner[k.id].code, k.number) for k in kps) if members else ()
        views.append(SystemView(issue, count(len(casussen), threshold, suppressed=not members), elements, refs))
    return views
