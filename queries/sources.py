"""Questions about the evidence itself: which facts were not checked for a while,
and how authoritative the sources are.

Every element and every source carries ``last_checked``, the day it was last
checked against its source. :func:`unchecked_since` lists what has not been
checked for two years (or never), for the Bronnen page; :func:`authority_counts`
says how many sources there are of each authority.

Examples
--------
>>> import dataclasses, datetime as dt
>>> from graph.examples import toy_chain
>>> model = toy_chain()
>>> politie = dataclasses.replace(model.organisation("politie"), last_checked=dt.date(2024, 1, 5))
>>> raad = dataclasses.replace(model.organisation("raad"), last_checked=dt.date(2025, 6, 1))
>>> model = dataclasses.replace(model, organisations=tuple(
...     {"politie": politie, "raad": raad}.get(o.id, o) for o in model.organisations))
>>> stale = unchecked_since(model, dt.date(2026, 3, 1))
>>> [(u.element, u.last_checked) for u in stale if u.kind == "organisations"][:3]
[('kinderrechter', None), ('lokaal-team', None), ('veilig-thuis', None)]
>>> politie_row = next(u for u in stale if u.element == "politie")
>>> politie_row.days_since, politie_row.reason_en
(786, 'last checked on 2024-01-05, 786 days ago')
>>> "raad" in {u.element for u in stale}
False
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from graph.model import ELEMENT_KINDS, ChainModel, SourceAuthority
from graph.text import element_name

__all__ = ["STALE_AFTER_YEARS", "Unchecked", "authority_counts", "stale_cutoff", "unchecked_since"]

STALE_AFTER_YEARS = 2
"""After this many years without a check, a fact is listed as not checked."""

_KIND_ORDER = {kind: index for index, kind in enumerate(ELEMENT_KINDS)}


@dataclass(frozen=True)
class Unchecked:
    """An element or source not checked since the cut-off (or never)."""

    element: str
    kind: str  # the kind name: "sources", "organisations", "handoffs", ...
    name: str
    last_checked: dt.date | None
    days_since: int | None  # None: never checked

    @property
    def reason_nl(self) -> str:
        if self.last_checked is None:
            return "nooit gecontroleerd"
        return f"laatst gecontroleerd op {self.last_checked.isoformat()}, {self.days_since} dagen geleden"

    @property
    def reason_en(self) -> str:
        if self.last_checked is None:
            return "never checked"
        return f"last checked on {self.last_checked.isoformat()}, {self.days_since} days ago"


def stale_cutoff(today: dt.date, years: int = STALE_AFTER_YEARS) -> dt.date:
    """The day ``years`` years before ``today`` (29 February becomes 28 February).

    >>> stale_cutoff(dt.date(2026, 12, 2))
    datetime.date(2024, 12, 2)
    >>> stale_cutoff(dt.date(2028, 2, 29))
    datetime.date(2026, 2, 28)
    """
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year that has none
        return today.replace(year=today.year - years, day=28)


def unchecked_since(model: ChainModel, today: dt.date, years: int = STALE_AFTER_YEARS) -> tuple[Unchecked, ...]:
    """Every element and source whose ``last_checked`` is ``years`` years or more before
    ``today``, or missing.

    Parameters
    ----------
    model : ChainModel
    today : datetime.date
        The day to count from (pass it in: queries read no clock).
    years : int
        How old a check may be; two years by default.

    Returns
    -------
    tuple of Unchecked
        Never-checked ones first, then the oldest check first; within that by
        kind (sources, phases, organisations, legal bases, instruments,
        hand-offs, signals) and id.
    """
    cutoff = stale_cutoff(today, years)
    found = []
    for kind in ELEMENT_KINDS:
        for element in getattr(model, kind):
            checked = element.last_checked
            if checked is not None and checked > cutoff:
                continue
            found.append(Unchecked(
                element=element.id,
                kind=kind,
                name=element_name(element),
                last_checked=checked,
                days_since=None if checked is None else (today - checked).days,
            ))
    return tuple(sorted(found, key=lambda u: (
        u.last_checked is not None, u.last_checked or dt.date.min, _KIND_ORDER[u.kind], u.element)))


def authority_counts(model: ChainModel) -> dict[SourceAuthority | None, int]:
    """How many sources there are of each authority (None: not typed), in the
    order of :class:`graph.model.SourceAuthority`.

    >>> from graph.examples import toy_chain
    >>> authority_counts(toy_chain())
    {None: 2}
    """
    counts = Counter(source.authority for source in model.sources)
    order = [*SourceAuthority, None]
    return {authority: counts[authority] for authority in order if counts[authority]}
