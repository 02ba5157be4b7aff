"""The chain as it stood on a date.

An element applies on day ``d`` when ``valid_from <= d < valid_to`` (see
:func:`graph.model.is_valid_on`). Elements that do not apply on the date are
removed with the same cascade as :func:`queries.whatif.without` (an expired
legal basis is dropped from the hand-offs resting on it, so those may show
the ``no-legal-basis`` gap).

>>> import datetime as dt
>>> from graph.examples import toy_chain
>>> then = as_of(toy_chain(), dt.date(2020, 1, 1))
>>> sorted(set(toy_chain().index) - set(then.index))
['ho-vt-raad-oud', 'old-rule']
>>> len(as_of(toy_chain(), "2014-06-01").handoffs)
6
"""

from __future__ import annotations

import datetime as dt

from graph.errors import ChainError
from graph.model import ChainModel, is_valid_on
from queries.whatif import without

__all__ = ["as_of", "invalid_on", "parse_day"]


def parse_day(day: dt.date | str) -> dt.date:
    """A date from a date or an ISO string (``YYYY-MM-DD``); :class:`ChainError` otherwise.

    >>> parse_day("2019-03-01")
    datetime.date(2019, 3, 1)
    """
    if isinstance(day, dt.date):
        return day
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        raise ChainError(f"not an ISO date (YYYY-MM-DD): {day!r}") from None


def invalid_on(model: ChainModel, day: dt.date) -> list[str]:
    """Ids of the organisations, hand-offs, legal bases and instruments that do not apply on ``day``, sorted."""
    kinds = ("organisations", "handoffs", "legal_bases", "instruments")
    return sorted(e.id for kind in kinds for e in getattr(model, kind) if not is_valid_on(e, day))


def as_of(model: ChainModel, day: dt.date | str) -> ChainModel:
    """The chain as it stood on ``day`` (a date or an ISO string): a new model.

    Raises
    ------
    graph.errors.ChainError
        ``day`` is not an ISO date.
    """
    return without(model, invalid_on(model, parse_day(day)))
