"""Links that work: every page keeps its question in the address.

Each page declares its parameters (:class:`Param`): the name in the address,
the widget key that holds it, its kind and default. :func:`read` runs before
the widgets are drawn and copies a value from the address into the widget's
state when the address says something new (a link was opened, the page was
reloaded, another page jumped here); :func:`write` runs after them and puts
the current values back into the address, leaving defaults out. A value the
address held recently (it can lag a run behind the page) is not taken as new.
Values in the address are ids and plain words, never the labels the widgets
show, so a link made in Dutch opens the same view in English.

The pure part (parsing and formatting) is tested without Streamlit:

>>> p = Param("fase", "map_phases", "list", allowed=("onderzoek", "hulpverlening"))
>>> p.parse(["hulpverlening", "nonsense", "onderzoek"])
['hulpverlening', 'onderzoek']
>>> p.format(["onderzoek"])
['onderzoek']
>>> Param("stap", "story_step", "int", default=1).parse(["3"])
3
>>> Param("presentatie", "present", "bool").parse(["1"]), Param("x", "x", "bool").format(True)
(True, '1')
>>> Param("datum", "d", "date").parse(["2020-01-31"])
datetime.date(2020, 1, 31)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Param", "link", "read", "write"]

_SEEN = "_links_seen"


@dataclass(frozen=True)
class Param:
    """One question of a page kept in the address.

    ``kind`` is ``"str"``, ``"list"``, ``"int"``, ``"bool"`` or ``"date"``;
    ``allowed`` (for str and list) drops values that are not among them, so
    a stale or mistyped link falls back to the default instead of failing.
    """

    name: str
    key: str
    kind: str = "str"
    default: Any = None
    allowed: Sequence[str] | None = None
    low: int | None = None
    high: int | None = None

    def parse(self, raw: list[str]) -> Any:
        """The value for the address's raw strings (the default when they make no sense)."""
        values = [v for v in raw if v != ""]
        if self.kind == "list":
            items = [v for part in values for v in part.split(",") if v]
            if self.allowed is not None:
                items = [v for v in items if v in self.allowed]
            return list(dict.fromkeys(items))
        if not values:
            return self.default
        value = values[-1]
        if self.kind == "int":
            try:
                number = int(value)
            except ValueError:
                return self.default
            if self.low is not None:
                number = max(self.low, number)
            if self.high is not None:
                number = min(self.high, number)
            return number
        if self.kind == "bool":
            return value.lower() in ("1", "true", "ja", "yes", "aan", "on")
        if self.kind == "date":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return self.default
        if self.allowed is not None and value not in self.allowed:
            return self.default
        return value

    def format(self, value: Any) -> str | list[str] | None:
        """The address form of a value; None for the default (left out of the address)."""
        if self.kind == "list":
            items = [str(v) for v in (value or [])]
            return items or None
        if value is None or value == self.default:
            return None
        if self.kind == "bool":
            return "1" if value else None
        if self.kind == "date":
            return value.isoformat() if isinstance(value, dt.date) else None
        return str(value)


def read(params: Sequence[Param]) -> None:
    """Copy what is new in the address into the widgets' state (call before drawing them)."""
    import streamlit as st

    seen: dict[str, list] = st.session_state.setdefault(_SEEN, {})
    for p in params:
        raw = st.query_params.get_all(p.name)
        if not raw:
            if p.key not in st.session_state and p.default is not None:
                st.session_state[p.key] = p.default
            continue
        if raw in seen.get(p.name, []) and p.key in st.session_state:
            # one of our own recent values (the address can lag a run behind): the widget knows better
            continue
        st.session_state[p.key] = p.parse(raw)
        _remember(seen, p.name, raw)


def write(params: Sequence[Param]) -> None:
    """Put the current values into the address (call after drawing the widgets)."""
    import streamlit as st

    seen: dict[str, list] = st.session_state.setdefault(_SEEN, {})
    for p in params:
        value = p.format(st.session_state.get(p.key, p.default))
        if value is None:
            if p.name in st.query_params:
                del st.query_params[p.name]
            _remember(seen, p.name, [])
        else:
            st.query_params[p.name] = value
            _remember(seen, p.name, value if isinstance(value, list) else [value])


def _remember(seen: dict[str, list], name: str, raw: list[str], keep: int = 2) -> None:
    """Keep the last two address values of a parameter that came from us or were already applied."""
    history = [r for r in seen.get(name, []) if r != raw]
    seen[name] = (history + [raw])[-keep:]


def entered(page: str, keep: Sequence[str] = ()) -> None:
    """Tell the links which page runs; on arriving at another page the address is taken as new
    (except for the parameters in ``keep``, shared by every page)."""
    import streamlit as st

    if st.session_state.get("_links_page") != page:
        st.session_state["_links_page"] = page
        seen: dict[str, list] = st.session_state.setdefault(_SEEN, {})
        for name in list(seen):
            if name not in keep:
                del seen[name]


def link(**values: Any) -> dict[str, str]:
    """Query parameters for a link to a page (``st.page_link(..., query_params=link(focus="politie"))``).

    >>> link(focus="politie", stap=2, leeg=None)
    {'focus': 'politie', 'stap': '2'}
    """
    return {name: str(value) for name, value in values.items() if value is not None}
