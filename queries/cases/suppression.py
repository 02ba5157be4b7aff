"""Disclosure control for figures from case logs: what may leave ``queries.cases``, and how.

Case logs are special-category personal data; only figures that survive differencing leave
this package. The rules follow the practice of statistical offices for tables on persons
(CBS; τ-ARGUS for primary and secondary cell suppression; rounding to a base), chosen so that
each rule can be checked by a test that replays the attacks (``tests/test_robustness_disclosure.py``):

1. **Primary suppression.** A count below the threshold ``T`` (at least 5,
   ``KETENKAART_SUPPRESSION_THRESHOLD``) is shown as ``<T``, *zero included*: a zero that
   becomes ``<5`` when one case is added would tell that case's attribute.
2. **Secondary suppression (complements).** A count that is part of a shown whole (over the
   norm of all passages, dropped of the base, ping-pong of the cases, a hand-off's or a
   variant's cases of all cases) is hidden (``x``) when the rest, whole minus part, is below
   ``T``, zero included: otherwise the rest would follow by subtraction.
3. **Rounding.** Every count that is shown is rounded to the nearest multiple of
   :data:`ROUNDING_BASE` (5), never below the threshold (rounded up to a multiple of 5).
   Sums and differences of shown counts are then uncertain by at least ±4, so a small count
   never follows exactly from them, and two runs that differ by one case differ in the output
   only when a count crosses a rounding boundary.
4. **Waits** (median, p90, mean, in days) only for cells of at least
   :data:`MIN_CASES_FOR_WAITS` (10) cases, rounded to whole days; a total time is the rounded
   mean times the rounded count. Shares are computed from the rounded counts.
5. **Periods** at month precision; the drop-off horizon only in :data:`HORIZON_STEPS`.

>>> d = Disclosure(5)
>>> [d.count(n).label for n in (0, 3, 5, 7, 8, 12, 13, 1234)]
['<5', '<5', '5', '5', '10', '10', '15', '1235']
>>> d.part(6, of=7).label, d.part(2, of=7).label, d.part(5, of=40).label
('x', '<5', '5')
>>> d.waits(9, 4.26, 10.0), d.waits(10, 4.26, 10.0)
((None, None), (4.0, 10.0))
>>> share(d.count(12), d.count(40))
0.25
>>> Disclosure(10).count(12).label, Disclosure(10).count(9).label
('10', '<10')
>>> Disclosure(4)
Traceback (most recent call last):
...
graph.errors.ChainError: suppression threshold must be a whole number >= 5, got 4
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.errors import ChainError
from graph.settings import MIN_SUPPRESSION_THRESHOLD

__all__ = [
    "HORIZON_STEPS",
    "MIN_CASES_FOR_WAITS",
    "ROUNDING_BASE",
    "Count",
    "Disclosure",
    "check_horizon",
    "check_threshold",
    "month",
    "share",
    "suppress",
]

ROUNDING_BASE = 5
MIN_CASES_FOR_WAITS = 10
# The drop-off horizon in coarse steps only: two runs on one log can differ by no finer a choice.
HORIZON_STEPS = (30, 60, 90, 180, 365)


def check_threshold(threshold: int) -> int:
    """Return ``threshold`` if it is allowed (an int >= 5), else raise ChainError.

    >>> check_threshold(5)
    5
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < MIN_SUPPRESSION_THRESHOLD:
        raise ChainError(f"suppression threshold must be a whole number >= {MIN_SUPPRESSION_THRESHOLD}, "
                         f"got {threshold!r}")
    return threshold


def check_horizon(days: int) -> int:
    """Return ``days`` if it is one of :data:`HORIZON_STEPS`, else raise ChainError.

    >>> check_horizon(90)
    90
    >>> check_horizon(91)
    Traceback (most recent call last):
    ...
    graph.errors.ChainError: the drop-off horizon must be one of 30, 60, 90, 180, 365 days, got 91
    """
    if isinstance(days, bool) or days not in HORIZON_STEPS:
        raise ChainError(f"the drop-off horizon must be one of {', '.join(map(str, HORIZON_STEPS))} days, got {days!r}")
    return days


@dataclass(frozen=True)
class Count:
    """A case count as it may be shown.

    ``value`` is the rounded count, or None when it is suppressed: ``reason`` ``"small"``
    (below the threshold, label ``<5``) or ``"complement"`` (the rest of its whole is below
    the threshold, label ``x``). The true count is not kept anywhere.
    """

    value: int | None
    threshold: int
    reason: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def label(self) -> str:
        """``"<5"`` (small), ``"x"`` (hidden because its complement is small), else the rounded number."""
        if self.value is not None:
            return str(self.value)
        return "x" if self.reason == "complement" else f"<{self.threshold}"

    def __str__(self) -> str:
        return self.label

    def to_json(self) -> int | str:
        """The rounded number, or the label when suppressed."""
        return self.label if self.value is None else self.value


def _round(n: int, threshold: int) -> int:
    base = ROUNDING_BASE
    floor = -(-threshold // base) * base  # the threshold rounded up to the base
    return max(floor, ((n + base // 2) // base) * base)


class Disclosure:
    """The rules above for one threshold: every count, part and wait goes through one of these."""

    exact = False

    def __init__(self, threshold: int = MIN_SUPPRESSION_THRESHOLD):
        self.threshold = check_threshold(threshold)

    def count(self, n: int | None) -> Count:
        """A count on its own: primary suppression (zero included), then rounding."""
        n = int(n or 0)
        if n < self.threshold:
            return Count(None, self.threshold, "small")
        return Count(_round(n, self.threshold), self.threshold)

    def part(self, n: int | None, *, of: int | None) -> Count:
        """A count shown beside a whole it is part of: also hidden when the rest is below the threshold."""
        shown = self.count(n)
        whole = int(of or 0)
        if shown.value is not None and whole - int(n or 0) < self.threshold:
            return Count(None, self.threshold, "complement")
        return shown

    def waits(self, cases: int | None, *values: float | None) -> tuple[float | None, ...]:
        """Waits (days) of a cell: None below :data:`MIN_CASES_FOR_WAITS` cases, else whole days."""
        if int(cases or 0) < max(MIN_CASES_FOR_WAITS, self.threshold):
            return tuple(None for _ in values)
        return tuple(None if v is None else float(round(v)) for v in values)

    def period(self, day: dt.date | None) -> str | None:
        """A date as its month (``"2025-03"``)."""
        return month(day)


class _Exact(Disclosure):
    """The engine's own figures, unprotected: for tests that check the arithmetic, never for output."""

    exact = True

    def count(self, n: int | None) -> Count:
        return Count(int(n or 0), self.threshold)

    def part(self, n: int | None, *, of: int | None) -> Count:
        return self.count(n)

    def waits(self, cases: int | None, *values: float | None) -> tuple[float | None, ...]:
        return tuple(None if v is None else float(v) for v in values)


def suppress(n: int | None, threshold: int = MIN_SUPPRESSION_THRESHOLD) -> Count:
    """Primary suppression only: 1 to ``threshold - 1`` becomes ``<threshold``; zero and larger counts as they are.

    This is what the Doorbraakteam register's aggregates use (``queries.register.aggregates``,
    ``docs/register.md``). Figures from case logs never go through it: they pass :class:`Disclosure`
    (secondary suppression, rounding), ``docs/security.md`` says why.

    >>> str(suppress(3)), str(suppress(12)), str(suppress(0))
    ('<5', '12', '0')
    >>> suppress(7, threshold=10).label
    '<10'
    """
    check_threshold(threshold)
    n = int(n or 0)
    if 0 < n < threshold:
        return Count(None, threshold, "small")
    return Count(n, threshold)


def share(part: Count, whole: Count) -> float | None:
    """``part / whole`` from the shown (rounded) counts; None when either is hidden or ``whole`` is 0.

    >>> share(suppress(10), suppress(40))
    0.25
    >>> share(suppress(2), suppress(40)) is None
    True
    """
    if part.value is None or whole.value is None or whole.value == 0:
        return None
    return part.value / whole.value


def month(day: dt.date | None) -> str | None:
    """``"2025-03"`` for any day of March 2025.

    >>> month(dt.date(2025, 3, 17)), month(None)
    ('2025-03', None)
    """
    return None if day is None else f"{day.year:04d}-{day.month:02d}"
