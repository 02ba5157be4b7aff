"""Dutch public holidays and working days, without a holidays package.

A norm in working days ("binnen 5 werkdagen") counts Monday to Friday,
excluding the *algemeen erkende feestdagen* of the Algemene termijnenwet
(BWBR0002448) art. 3 lid 1: Nieuwjaarsdag, tweede Paasdag, Koningsdag,
5 mei, Hemelvaartsdag, tweede Pinksterdag and both Kerstdagen. Eerste
Paasdag and eerste Pinksterdag are Sundays anyway and are listed for
completeness.

Choices, stated:

- **Bevrijdingsdag (5 May) counts every year**, as art. 3 lid 1 Atw lists
  "de vijfde mei" without a lustrum condition (many cao's only give the day
  off every fifth year; statutory terms follow the Atw).
- **Koningsdag** is 27 April, or 26 April when the 27th is a Sunday (since
  2014); before 2014 Koninginnedag, 30 April (29 April when a Sunday).
- Goede Vrijdag (art. 3 lid 2) and days equated by royal decree (art. 3
  lid 3) are **not** counted: they are not general days off.

Easter by the anonymous Gregorian computus (Meeus/Jones/Butcher).

Examples
--------
>>> easter(2024), easter(2025)
(datetime.date(2024, 3, 31), datetime.date(2025, 4, 20))
>>> sorted(d.isoformat() for d in dutch_holidays(2025))[:4]
['2025-01-01', '2025-04-20', '2025-04-21', '2025-04-26']
>>> koningsdag(2025), koningsdag(2026)
(datetime.date(2025, 4, 26), datetime.date(2026, 4, 27))
"""

from __future__ import annotations

import datetime as dt

__all__ = ["easter", "koningsdag", "dutch_holidays", "is_working_day", "working_days_between"]


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar), anonymous computus."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def koningsdag(year: int) -> dt.date:
    """Koningsdag (from 2014) or Koninginnedag (before), moved off a Sunday."""
    day = dt.date(year, 4, 27) if year >= 2014 else dt.date(year, 4, 30)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day


def dutch_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of ``year`` as ``{date: Dutch name}``."""
    e = easter(year)
    days = {
        dt.date(year, 1, 1): "Nieuwjaarsdag",
        e: "Eerste Paasdag",
        e + dt.timedelta(days=1): "Tweede Paasdag",
        koningsdag(year): "Koningsdag",
        dt.date(year, 5, 5): "Bevrijdingsdag",
        e + dt.timedelta(days=39): "Hemelvaartsdag",
        e + dt.timedelta(days=49): "Eerste Pinksterdag",
        e + dt.timedelta(days=50): "Tweede Pinksterdag",
        dt.date(year, 12, 25): "Eerste Kerstdag",
        dt.date(year, 12, 26): "Tweede Kerstdag",
    }
    return days


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a public holiday.

    >>> is_working_day(dt.date(2025, 5, 5)), is_working_day(dt.date(2025, 5, 6))
    (False, True)
    """
    return day.weekday() < 5 and day not in dutch_holidays(day.year)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start).

    This is the count the statistics use: a melding on Friday handled the
    next Monday took 1 working day.

    >>> working_days_between(dt.date(2025, 5, 2), dt.date(2025, 5, 6))  # Fri -> Tue, 5 May is a holiday
    1
    """
    if end <= start:
        return 0
    return sum(is_working_day(start + dt.timedelta(days=n)) for n in range(1, (end - start).days + 1))


def holiday_rows(first_year: int, last_year: int) -> list[tuple[dt.date, str]]:
    """All holidays from ``first_year`` to ``last_year`` inclusive, sorted (for the SQL calendar)."""
    rows: list[tuple[dt.date, str]] = []
    for year in range(first_year, last_year + 1):
        rows.extend(sorted(dutch_holidays(year).items()))
    return rows
