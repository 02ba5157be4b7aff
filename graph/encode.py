"""The one encoder from model values to JSON, and the one JSON shape per element kind.

:func:`plain` turns any value the model or a query result holds (enums,
dates, tuples, nested dataclasses, suppressed counts) into plain JSON values.
:func:`element_json` gives the one shape of an element of each kind, used by
every command's ``--json``, the JSON export and the UI's downloads: a
reference to another element is always ``{"id", "name"}``, a legal basis
always carries its ``url`` and ``juriconnect``, a norm always the same nine
keys. The shapes are documented in ``docs/json.md``.

Examples
--------
>>> import datetime as dt
>>> from graph.examples import toy_chain
>>> from graph.model import NormUnit
>>> plain({"on": dt.date(2015, 1, 1), "units": (NormUnit.WEEKS,)})
{'on': '2015-01-01', 'units': ['weeks']}
>>> ho = element_json(toy_chain(), toy_chain().handoff("ho-politie-vt"))
>>> ho["from"], ho["norm"]["text_nl"]
({'id': 'politie', 'name': 'Politie'}, '5 werkdagen (binnen 5 werkdagen)')
>>> sorted(element_json(toy_chain(), toy_chain().legal_basis("bw1-255")))[:4]
['article', 'bwb_id', 'celex', 'element']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from enum import Enum
from typing import Any

from graph.model import (
    KIND_SINGULAR,
    ChainModel,
    Element,
    FailureMode,
    HandOff,
    Instrument,
    LegalBasis,
    Norm,
    Observation,
    Organisation,
    Signal,
)
from graph.text import element_name, norm_text

__all__ = ["JSON", "element_json", "norm_json", "plain", "reference"]

JSON = Any  # a value json.dumps accepts: dict, list, str, int, float, bool or None


def plain(value: Any, *, float_digits: int | None = None) -> JSON:
    """``value`` as plain JSON values: enums by value, dates as ISO text, tuples and
    sets as lists, dataclasses as dicts of their fields, objects with a
    ``to_json()`` (a suppressed count) by that; floats rounded to
    ``float_digits`` when given.

    >>> plain((1.23456, {"k": frozenset({"b", "a"})}), float_digits=2)
    [1.23, {'k': ['a', 'b']}]
    """
    if isinstance(value, Enum):  # before str: a StrEnum is a str
        return value.value
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return round(value, float_digits) if float_digits is not None else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if isinstance(value, Mapping):
        return {str(k): plain(v, float_digits=float_digits) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return [plain(v, float_digits=float_digits) for v in sorted(value)]
    if isinstance(value, (list, tuple)):
        return [plain(v, float_digits=float_digits) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name), float_digits=float_digits) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot encode a {type(value).__name__} as JSON")


def reference(model: ChainModel, element_id: str | None) -> dict[str, str] | None:
    """``{"id", "name"}`` of another element (the name in Dutch), or None.

    An id the model does not hold keeps its id as name (a what-if model may
    have lost the element).
    """
    if element_id is None:
        return None
    element = model.index.get(element_id)
    return {"id": element_id, "name": element_name(element) if element is not None else element_id}


def norm_json(norm: Norm | None) -> dict[str, JSON] | None:
    """The one shape of a norm: description, amount, unit, kind, calendar_days,
    text_nl, text_en, sources and status."""
    if norm is None:
        return None
    text = norm_text(norm)
    return {
        "description": norm.description,
        "amount": norm.amount,
        "unit": plain(norm.unit),
        "kind": norm.kind.value,
        "calendar_days": norm.calendar_days,
        "text_nl": text.nl,
        "text_en": text.en,
        "sources": list(norm.sources),
        "status": norm.status.value,
    }


def _legal_basis_ref(model: ChainModel, lb_id: str) -> dict[str, JSON]:
    lb = model.index.get(lb_id)
    if not isinstance(lb, LegalBasis):
        return {"id": lb_id, "name": lb_id, "url": None, "juriconnect": None}
    return {"id": lb.id, "name": lb.name, "url": lb.url, "juriconnect": lb.juriconnect}


def _failure_mode_json(mode: FailureMode) -> dict[str, JSON]:
    return {f.name: plain(getattr(mode, f.name)) for f in dataclasses.fields(mode)}


# fields of each kind that hold references to other elements, and how to show them
_REFERENCES: dict[type, dict[str, str]] = {
    HandOff: {"from_org": "from", "to_org": "to", "instrument": "instrument", "regie_after": "regie_after",
              "escalation_to": "escalation_to", "phase": "phase"},
    Organisation: {"part_of": "part_of"},
    Instrument: {"phase": "phase"},
    Signal: {"enters_at": "enters_at", "phase": "phase"},
}
_REFERENCE_LISTS: dict[type, dict[str, str]] = {
    Organisation: {"phases": "phases"},
    Instrument: {"applied_by": "applied_by"},
    Observation: {"about": "about"},
}


def element_json(model: ChainModel, element: Element) -> dict[str, JSON]:
    """The one JSON shape of ``element``: ``id``, ``element`` (what it is, e.g.
    ``"hand-off"``), ``name`` (and ``name_en``), every field of the element
    as plain values, with references to other elements as ``{"id", "name"}``,
    legal bases as ``{"id", "name", "url", "juriconnect"}``, a norm as
    :func:`norm_json`. Keys are in a fixed order (id, element, name first).
    """
    what = KIND_SINGULAR[model.kind_of(element.id)]
    out: dict[str, JSON] = {"id": element.id, "element": what, "name": element_name(element, "nl")}
    if isinstance(element, LegalBasis):
        out["url"] = element.url
        out["juriconnect"] = element.juriconnect
    refs = _REFERENCES.get(type(element), {})
    ref_lists = _REFERENCE_LISTS.get(type(element), {})
    for f in dataclasses.fields(element):
        if f.name in ("id", "name") and f.name in out:
            continue
        value = getattr(element, f.name)
        if f.name in refs:
            out[refs[f.name]] = reference(model, value)
        elif f.name in ref_lists:
            out[ref_lists[f.name]] = [reference(model, v) for v in value]
        elif f.name == "legal_bases":
            out["legal_bases"] = [_legal_basis_ref(model, v) for v in value]
        elif isinstance(value, Norm) or f.name == "norm":
            out["norm"] = norm_json(value)
        elif f.name == "failure_modes":
            out["failure_modes"] = [_failure_mode_json(m) for m in value]
        else:
            out[f.name] = plain(value)
    out.setdefault("sources", list(element.sources))  # a source lists itself
    return out
