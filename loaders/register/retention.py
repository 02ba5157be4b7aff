"""Retention: a closed casus older than the retention period keeps only its anonymous knelpunten.

What stays as evidence: the chain elements, the categories, the agreements
and the month of the review. What goes: the casus code, region, kinds of
violence, organisations involved, and each knelpunt's description and the
evidence discussed. The audit trail never held that free text (it keeps
digests only, see :mod:`loaders.register.audit`).

>>> cutoff(dt.date(2026, 12, 2), 24)
datetime.date(2024, 12, 2)
>>> cutoff(dt.date(2026, 3, 31), 1)
datetime.date(2026, 2, 28)
"""

from __future__ import annotations

import calendar
import datetime as dt

from loaders.register.records import Principal
from loaders.register.repository import Register, require
from loaders.register.vocab import Role

__all__ = ["apply_retention", "cutoff", "due_for_reduction"]


def cutoff(today: dt.date, months: int) -> dt.date:
    """``today`` minus ``months`` calendar months (the day clipped to the month's length)."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def due_for_reduction(register: Register, months: int, today: dt.date | None = None) -> list[int]:
    """Ids of the closed casussen whose closing date lies more than ``months`` months back."""
    today = today or register.clock().date()
    return register.closed_before(cutoff(today, months))


def apply_retention(register: Register, actor: Principal, months: int, today: dt.date | None = None) -> list[int]:
    """Reduce every casus that is due (a *voorzitter*, or administration); returns their ids. Audited per casus."""
    require(actor, Role.VOORZITTER)
    today = today or register.clock().date()
    due = due_for_reduction(register, months, today)
    for casus_id in due:
        register.reduce_casus(actor, casus_id, today)
    return due
