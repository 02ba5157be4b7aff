"""The follow-up board: every agreement by due date, overdue ones first.

For *leden* and the *voorzitter* (it names casus codes). An agreement is
overdue when it is still open (afgesproken or in uitvoering) and its deadline
(else its follow-up date) has passed. Order: overdue (longest overdue first),
then open by due date, then open without a date, then the finished ones
(gerealiseerd, niet gelukt) when asked for.

>>> import datetime as dt
>>> from loaders.register.demo import example_snapshot
>>> board = follow_up_board(example_snapshot(), dt.date(2026, 6, 1))
>>> [(i.casus_code, i.overdue, i.days) for i in board]
[('DBT-2026-002', True, -31), ('DBT-2026-001', False, 14)]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.vocab import Category
from loaders.register.records import Agreement, Snapshot

__all__ = ["BoardItem", "follow_up_board"]


@dataclass(frozen=True)
class BoardItem:
    """One agreement on the board with what it belongs to."""

    agreement: Agreement
    casus_code: str | None  # None for a systeemknelpunt's agreement or a reduced casus
    knelpunt_number: int | None
    system_issue_code: str | None
    elements: tuple[str, ...]
    category: Category | None
    overdue: bool
    days: int | None  # days until the due date (negative: overdue); None without a date


def follow_up_board(snapshot: Snapshot, today: dt.date, *, finished: bool = False) -> list[BoardItem]:
    """The agreements to follow up, overdue first; ``finished=True`` adds the done and failed ones at the end."""
    items: list[BoardItem] = []
    for c in snapshot.casussen:
        for k in c.knelpunten:
            for a in k.agreements:
                items.append(_item(a, c.code, k.number, None, k.elements, k.category, today))
    for s in snapshot.system_issues:
        for a in s.agreements:
            items.append(_item(a, None, None, s.code, (), s.category, today))
    if not finished:
        items = [i for i in items if i.agreement.status.open]

    def order(i: BoardItem):
        due = i.agreement.deadline or i.agreement.follow_up
        return (not i.agreement.status.open, not i.overdue, due is None, due or dt.date.max, i.agreement.id)

    return sorted(items, key=order)


def _item(a: Agreement, code, number, system_code, elements, category, today: dt.date) -> BoardItem:
    due = a.deadline or a.follow_up
    return BoardItem(agreement=a, casus_code=code, knelpunt_number=number, system_issue_code=system_code,
                     elements=tuple(elements), category=category, overdue=a.overdue(today),
                     days=(due - today).days if due else None)
