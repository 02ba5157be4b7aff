"""The chain as it stood on a date.

An element is valid on day ``d`` when ``valid_from <= d`` (or no
``valid_from``) and ``d < valid_to`` (or no ``valid_to``): ``valid_to`` is
the first day it no longer applies. Elements not valid on the date are
removed with the same cascade as :func:`queries.whatif.without` (an expired
legal basis is dropped from the hand-offs resting on it, so those may show
the ``no-legal-basis`` gap).

>>> import datetime as dt
>>> from graph.examples import toy_chain
>>> from graph.networkx import model_of
>>> G = as_of(toy_chain(), dt.date(2020, 1, 1))
>>> sorted(set(toy_chain().index) - set(model_of(G).index))
['ho-vt-raad-oud', 'old-rule']
>>> len(model_of(as_of(toy_chain(), "2014-06-01")).handoffs)
6
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from graph.errors import ChainError
from graph.model import ChainModel
from graph.networkx import to_networkx
from queries.backend import as_backend
from queries.whatif import without

__all__ = ["as_of", "invalid_on", "is_valid_on"]


def is_valid_on(element, day: dt.date) -> bool:
    """Whether ``element`` (anything with optional ``valid_from``/``valid_to``) applies on ``day``."""
    start = getattr(element, "valid_from", None)
    end = getattr(element, "valid_to", None)
    return (start is None or start <= day) and (end is None or day < end)


def invalid_on(model: ChainModel, day: dt.date) -> list[str]:
    """Ids of the elements that do not apply on ``day``, sorted."""
    kinds = ("organisations", "handoffs", "legal_bases", "instruments")
    return sorted(e.id for kind in kinds for e in getattr(model, kind) if not is_valid_on(e, day))


def as_of(graph, day: dt.date | str) -> nx.MultiDiGraph:
    """The projected chain as it stood on ``day`` (a date or an ISO string).

    Returns a new networkx graph (the embedded backend), whatever backend
    ``graph`` is; pass it to any other query.

    Raises
    ------
    graph.errors.ChainError
        ``day`` is not an ISO date.
    """
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise ChainError(f"not an ISO date (YYYY-MM-DD): {day!r}") from None
    model = as_backend(graph).model
    return to_networkx(without(model, invalid_on(model, day)))
