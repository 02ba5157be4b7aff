"""The one place where canonical records become model objects.

Every reader (YAML folder, Excel workbook, Turtle) yields
:class:`~loaders.records.Record` objects in the canonical form of
``docs/data-format.md``; :func:`build_model` validates them all, collects
every problem (never stopping at the first) and either returns a complete
:class:`~graph.model.ChainModel` or raises one
:class:`~graph.errors.ChainDataError` listing them.

Nested parts are addressed with a path in the problem's field:
``norm.amount``, ``failure_modes[1].sources``, ``durations[0].unit``.
Readers put the same keys in ``Record.field_locations`` so each problem can
name its exact line (or sheet and row).

:func:`model_to_records` is the inverse: model -> canonical dicts, for the
writers (YAML, Excel, JSON).

Examples
--------
>>> from loaders.records import Record, RecordSet
>>> recs = [
...     Record("sources", {"id": "s1", "kind": "seed", "title": "Brief"}, "sources.yaml:2"),
...     Record("organisations", {"id": "politie", "name": "Politie", "kind": "organisation",
...            "domain": "veiligheid-straf", "region": "haaglanden", "sources": ["s1"],
...            "status": "verified"}, "organisations.yaml:2"),
... ]
>>> model = build_model(RecordSet(recs, region="haaglanden"))
>>> model.get("politie").domain
<Domain.VEILIGHEID_STRAF: 'veiligheid-straf'>
>>> recs[1].data["sourcs"] = recs[1].data.pop("sources")
>>> build_model(RecordSet(recs, region="haaglanden"))
Traceback (most recent call last):
...
graph.errors.ChainDataError: 2 problems in the chain data:
organisations.yaml:2: sourcs: unknown field 'sourcs'; did you mean: sources?
organisations.yaml:2: sources: required field is missing
"""

from __future__ import annotations

import builtins
import datetime as dt
import math
import re
import reprlib
from dataclasses import dataclass
from dataclasses import fields as dc_fields
from enum import Enum
from typing import Any

from graph.encode import plain
from graph.errors import ChainDataError, Problem
from graph.model import (
    ELEMENT_KINDS,
    KIND_SINGULAR,
    WAIT_METRICS,
    Assessment,
    ChainModel,
    Domain,
    Duration,
    FailureMode,
    LegalBasisKind,
    Metric,
    Norm,
    NormKind,
    NormUnit,
    OrganisationKind,
    Passes,
    RegieHolder,
    SourceAuthority,
    SourceKind,
    Status,
    period_bounds,
)
from graph.suggest import did_you_mean
from graph.vocab import Category
from loaders.records import Record, RecordSet

__all__ = [
    "BWB_PATTERN",
    "DURATION_FIELDS",
    "FAILURE_MODE_FIELDS",
    "ID_PATTERN",
    "KIND_SINGULAR",
    "NORM_FIELDS",
    "SPECS",
    "Field",
    "build_model",
    "model_to_records",
]

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
BWB_PATTERN = re.compile(r"BWBR\d{7}")
_SOURCE_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")



@dataclass(frozen=True)
class Field:
    """How one canonical field is checked and which model attribute it fills.

    ``type`` is one of: ``id``, ``text``, ``enum``, ``enums`` (list of enum
    values), ``ref``, ``refs`` (ids of ``ref_kind``), ``date`` (ISO date),
    ``isodate`` (``2018``, ``2018-04`` or ``2018-04-25``, kept as text),
    ``period`` (an isodate or two joined by ``/``, kept as text),
    ``int``, ``number`` (greater than 0), ``count`` (0 or more), ``bool``,
    ``bwb``, ``norm``, ``failure_modes``, ``durations``, ``names`` (a list of
    short one-line names: no ``;``, no line break, no surrounding spaces, none
    twice). A ``ref_kind`` may name several kinds joined by ``|``
    (``handoffs|organisations``).
    """

    name: str
    type: str
    required: bool = False
    enum: builtins.type[Enum] | None = None  # builtins.: 'type' is the field above
    ref_kind: str | None = None
    attr: str | None = None  # model attribute when it differs from name

    @property
    def attribute(self) -> str:
        return self.attr or self.name

    @property
    def is_list(self) -> bool:
        return self.type in {"enums", "refs", "failure_modes", "durations", "names"}


def _f(name: str, type: str = "text", required: bool = False, **kw: Any) -> Field:
    return Field(name, type, required, **kw)


_STATUS = _f("status", "enum", True, enum=Status)
_SOURCES = _f("sources", "refs", True, ref_kind="sources")
_VALIDITY = (_f("valid_from", "date"), _f("valid_to", "date"))
_LAST_CHECKED = _f("last_checked", "date")

NORM_FIELDS: tuple[Field, ...] = (
    _f("description", required=True),
    _f("amount", "number"),
    _f("unit", "enum", enum=NormUnit),
    _f("kind", "enum", enum=NormKind),
    _SOURCES,
    _STATUS,
)
FAILURE_MODE_FIELDS: tuple[Field, ...] = (
    _f("id", "id", True),
    _f("description", required=True),
    _f("category", "enum", True, enum=Category),
    _f("period", "period"),
    _f("description_en"),
    _SOURCES,
    _STATUS,
)
DURATION_FIELDS: tuple[Field, ...] = (
    _f("label", required=True),
    _f("amount", "number", True),
    _f("unit", "enum", True, enum=NormUnit),
    _SOURCES,
    _STATUS,
)

SPECS: dict[str, tuple[Field, ...]] = {
    "sources": (
        _f("id", "id", True),
        _f("kind", "enum", True, enum=SourceKind),
        _f("title", required=True),
        _f("url"),
        _f("file"),
        _f("date", "isodate"),
        _f("publisher"),
        _f("note"),
        _f("authority", "enum", enum=SourceAuthority),
        _LAST_CHECKED,
        _f("status", "enum", enum=Status),
    ),
    "phases": (
        _f("id", "id", True),
        _f("name", required=True),
        _f("order", "int", True),
        _f("name_en"),
        _f("description"),
        _SOURCES,
        _LAST_CHECKED,
        _STATUS,
    ),
    "organisations": (
        _f("id", "id", True),
        _f("name", required=True),
        _f("kind", "enum", True, enum=OrganisationKind),
        _f("domain", "enum", True, enum=Domain),
        _f("region", required=True),
        _SOURCES,
        _f("name_en"),
        _f("abbreviation"),
        _f("aliases", "names"),
        _f("official_id"),
        _f("part_of", "ref", ref_kind="organisations"),
        _f("phases", "refs", ref_kind="phases"),
        _f("description"),
        *_VALIDITY,
        _LAST_CHECKED,
        _STATUS,
    ),
    "legal_bases": (
        _f("id", "id", True),
        _f("law_name", required=True),
        _SOURCES,
        _f("kind", "enum", enum=LegalBasisKind),
        _f("bwb_id", "bwb"),
        _f("article"),
        _f("paragraph"),
        _f("title"),
        _f("celex"),
        _f("url", attr="url_override"),
        *_VALIDITY,
        _LAST_CHECKED,
        _STATUS,
    ),
    "instruments": (
        _f("id", "id", True),
        _f("name", required=True),
        _SOURCES,
        _f("applied_by", "refs", ref_kind="organisations"),
        _f("legal_bases", "refs", ref_kind="legal_bases"),
        _f("phase", "ref", ref_kind="phases"),
        _f("durations", "durations"),
        _f("name_en"),
        _f("abbreviation"),
        _f("description"),
        *_VALIDITY,
        _LAST_CHECKED,
        _STATUS,
    ),
    "handoffs": (
        _f("id", "id", True),
        _f("from", "ref", True, ref_kind="organisations", attr="from_org"),
        _f("to", "ref", True, ref_kind="organisations", attr="to_org"),
        _f("trigger", required=True),
        _f("passes", "enums", True, enum=Passes),
        _f("phase", "ref", True, ref_kind="phases"),
        _SOURCES,
        _f("name"),
        _f("name_en"),
        _f("instrument", "ref", ref_kind="instruments"),
        _f("legal_bases", "refs", ref_kind="legal_bases"),
        _f("norm", "norm"),
        _f("regie_after", "ref", ref_kind="organisations"),
        _f("regie_while_waiting", "enum", enum=RegieHolder),
        _f("regie_while_waiting_sources", "refs", ref_kind="sources"),
        _f("main_route", "bool"),
        _f("feedback_required", "bool"),
        _f("acceptance_required", "bool"),
        _f("escalation_to", "ref", ref_kind="organisations"),
        _f("failure_modes", "failure_modes"),
        _f("description"),
        *_VALIDITY,
        _LAST_CHECKED,
        _STATUS,
    ),
    "signals": (
        _f("id", "id", True),
        _f("name", required=True),
        _f("enters_at", "ref", True, ref_kind="organisations"),
        _f("phase", "ref", True, ref_kind="phases"),
        _SOURCES,
        _f("name_en"),
        _f("description"),
        _LAST_CHECKED,
        _STATUS,
    ),
    "observations": (
        _f("id", "id", True),
        _f("about", "refs", True, ref_kind="handoffs|organisations"),
        _f("metric", "enum", True, enum=Metric),
        _f("description", required=True),
        _f("period", "period", True),
        _f("region", required=True),
        _f("assessment", "enum", True, enum=Assessment),
        _SOURCES,
        _f("value", "count"),
        _f("value_max", "count"),
        _f("lower_bound", "bool"),
        _f("unit"),
        _f("categories", "enums", enum=Category),
        _f("description_en"),
        _f("note"),
        _STATUS,
        _LAST_CHECKED,
    ),
}

_NESTED: dict[str, tuple[Field, ...]] = {
    "norm": NORM_FIELDS,
    "failure_modes": FAILURE_MODE_FIELDS,
    "durations": DURATION_FIELDS,
}


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return type(value).__name__


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 2, 4, 4, 50, 50


def _short(value: Any) -> str:
    # reprlib: bounded even for YAML alias bombs and self-referencing lists.
    return _REPR.repr(value)


class _Checker:
    """Collects problems while converting the records of one record set."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (record, field path, value, referenced kind)
        self.refs: list[tuple[Record, str, str, str]] = []

    def add(self, record: Record, path: str, message: str) -> None:
        self.problems.append(Problem(_where(record, path), path, message))

    # --- scalar conversion ---------------------------------------------
    def text(self, record: Record, path: str, value: Any) -> str | None:
        if isinstance(value, str):
            if not value.strip():
                self.add(record, path, "must not be empty")
                return None
            return value
        # Numbers are acceptable where text is expected (an article "2"),
        # but a float article like 1.255 is ambiguous; keep ints only.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        self.add(record, path, f"must be text, got {_type_name(value)} {_short(value)}")
        return None

    def convert(self, record: Record, path: str, spec: Field, value: Any) -> Any:
        """The model value for ``value``, or None after adding a problem."""
        t = spec.type
        if t == "id":
            if not isinstance(value, str):
                self.add(record, path, f"id must be text, got {_type_name(value)} {_short(value)}")
                return None
            if not ID_PATTERN.fullmatch(value):
                self.add(record, path, f"id {value!r} is not a slug matching [a-z0-9]+(-[a-z0-9]+)*")
                return None
            return value
        if t == "text":
            return self.text(record, path, value)
        if t == "enum":
            assert spec.enum is not None
            return self._enum(record, path, spec.enum, value)
        if t == "enums":
            assert spec.enum is not None
            items = self._list(record, path, value)
            if items is None:
                return None
            out = [self._enum(record, f"{path}[{i}]", spec.enum, item) for i, item in enumerate(items)]
            if any(v is None for v in out):
                return None
            if not out and spec.required:
                self.add(record, path, "must list at least one value")
                return None
            if len(set(out)) != len(out):
                self.add(record, path, "lists a value twice")
                return None
            return tuple(out)
        if t == "ref":
            assert spec.ref_kind is not None
            return self._ref(record, path, spec.ref_kind, value)
        if t == "refs":
            assert spec.ref_kind is not None
            items = self._list(record, path, value)
            if items is None:
                return None
            if not items and spec.required:
                self.add(record, path, f"needs at least one {_kinds_singular(spec.ref_kind)}")
                return None
            out = [self._ref(record, f"{path}[{i}]", spec.ref_kind, item) for i, item in enumerate(items)]
            if any(v is None for v in out):
                return None
            if len(set(out)) != len(out):
                self.add(record, path, "lists an id twice")
                return None
            return tuple(out)
        if t == "names":
            return self._names(record, path, value)
        if t == "date":
            return self._date(record, path, value)
        if t == "isodate":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if isinstance(value, str) and _SOURCE_DATE.fullmatch(value):
                try:
                    parts = [int(p) for p in value.split("-")] + [1, 1]
                    dt.date(parts[0], parts[1], parts[2])
                except ValueError:
                    pass
                else:
                    return value
            self.add(record, path, f"must be an ISO date (2018, 2018-04 or 2018-04-25), got {_short(value)}")
            return None
        if t == "period":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if isinstance(value, str):
                try:
                    period_bounds(value)
                except ValueError:
                    pass
                else:
                    return value
            self.add(record, path, "must be a period: 2023, 2023-06, 2023-06-30 or two of those joined by / "
                                   f"(2018/2019), got {_short(value)}")
            return None
        if t == "count":
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                if value < 0:
                    self.add(record, path, f"must be 0 or more, got {value!r}")
                    return None
                return value
            self.add(record, path, f"must be a number, got {_type_name(value)} {_short(value)}")
            return None
        if t == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.add(record, path, f"must be a whole number, got {_type_name(value)} {_short(value)}")
            return None
        if t == "number":
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                if value <= 0:
                    self.add(record, path, f"must be greater than 0, got {value!r}")
                    return None
                return value
            self.add(record, path, f"must be a number, got {_type_name(value)} {_short(value)}")
            return None
        if t == "bool":
            if isinstance(value, bool):
                return value
            self.add(record, path, f"must be true or false (or left out when unknown), got {_short(value)}")
            return None
        if t == "bwb":
            if isinstance(value, str) and BWB_PATTERN.fullmatch(value):
                return value
            self.add(record, path, f"must match BWBR followed by 7 digits, got {_short(value)}")
            return None
        if t == "norm":
            return self._nested_one(record, path, value)
        if t in ("failure_modes", "durations"):
            return self._nested_many(record, path, t, value)
        raise AssertionError(f"unknown field type {t}")  # pragma: no cover

    def _names(self, record: Record, path: str, value: Any) -> tuple[str, ...] | None:
        items = self._list(record, path, value)
        if items is None:
            return None
        out: list[str] = []
        ok = True
        for i, item in enumerate(items):
            sub = f"{path}[{i}]"
            name = self.text(record, sub, item)
            if name is None:
                ok = False
            elif ";" in name or "\n" in name or "\r" in name:
                self.add(record, sub, f"a name is one line without ';', got {_short(name)}")
                ok = False
            elif name != name.strip():
                self.add(record, sub, f"a name has no spaces around it, got {_short(name)}")
                ok = False
            elif name in out:
                self.add(record, sub, f"{name!r} is listed twice")
                ok = False
            else:
                out.append(name)
        return tuple(out) if ok else None

    def _list(self, record: Record, path: str, value: Any) -> list | None:
        if isinstance(value, (list, tuple)):
            return list(value)
        self.add(record, path, f"must be a list, got {_type_name(value)} {_short(value)}")
        return None

    def _enum(self, record: Record, path: str, enum: type[Enum], value: Any) -> Any:
        allowed = [m.value for m in enum]
        if isinstance(value, str) and value in allowed:
            return enum(value)
        self.add(record, path, f"{_short(value)} is not allowed; allowed values: {', '.join(allowed)}")
        return None

    def _ref(self, record: Record, path: str, kind: str, value: Any) -> str | None:
        if not isinstance(value, str) or not value:
            self.add(record, path,
                     f"must be the id of a {_kinds_singular(kind)}, got {_type_name(value)} {_short(value)}")
            return None
        self.refs.append((record, path, value, kind))
        return value

    def _date(self, record: Record, path: str, value: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.add(record, path, f"must be an ISO date like 2009-01-01, got {_short(value)}")
        return None

    # --- mappings --------------------------------------------------------
    def mapping(self, record: Record, prefix: str, spec: tuple[Field, ...], data: Any) -> dict[str, Any] | None:
        """Check one mapping against its field specs; model attribute -> value."""
        if not isinstance(data, dict):
            self.add(record, prefix or "(record)",
                     f"must be a mapping of field: value, got {_type_name(data)} {_short(data)}")
            return None
        by_name = {f.name: f for f in spec}
        ok = True
        out: dict[str, Any] = {}
        for key in data:
            if not isinstance(key, str) or key not in by_name:
                name = key if isinstance(key, str) else repr(key)
                hint = did_you_mean(name, by_name) if isinstance(key, str) else ""
                self.add(record, _join(prefix, str(name)), f"unknown field {name!r}{hint}")
                ok = False
        for f in spec:
            path = _join(prefix, f.name)
            value = data.get(f.name)
            if value is None:
                if f.required:
                    if f.name == "status":
                        self.add(record, path, "required field is missing: status (verified or unverified)")
                    else:
                        self.add(record, path, "required field is missing")
                    ok = False
                continue
            converted = self.convert(record, path, f, value)
            if converted is None:
                ok = False
                continue
            out[f.attribute] = converted
        if not ok:
            return None
        self._cross_field(record, prefix, out)
        return out

    def _cross_field(self, record: Record, prefix: str, out: dict[str, Any]) -> None:
        vf, vt = out.get("valid_from"), out.get("valid_to")
        if vf is not None and vt is not None and vf > vt:
            self.add(record, _join(prefix, "valid_to"),
                     f"valid_to {vt.isoformat()} is before valid_from {vf.isoformat()}")
        if prefix:
            return
        if record.kind == "handoffs" and ("regie_while_waiting" in out) != ("regie_while_waiting_sources" in out):
            missing = "regie_while_waiting_sources" if "regie_while_waiting" in out else "regie_while_waiting"
            self.add(record, missing, "regie_while_waiting and regie_while_waiting_sources go together "
                                      "(who holds regie while waiting, and the source that says so)")
        if record.kind == "observations":
            self._observation(record, out)

    def _observation(self, record: Record, out: dict[str, Any]) -> None:
        value, high, unit = out.get("value"), out.get("value_max"), out.get("unit")
        if high is not None and value is None:
            self.add(record, "value_max", "value_max is the top of a range: give value (its bottom) too")
        elif high is not None and value is not None and high < value:
            self.add(record, "value_max", f"value_max {high!r} is below value {value!r}")
        if value is not None and unit is None:
            self.add(record, "unit", "a value needs its unit")
        metric = out.get("metric")
        if metric in WAIT_METRICS and unit is not None and unit not in {u.value for u in NormUnit}:
            allowed = ", ".join(u.value for u in NormUnit)
            self.add(record, "unit", f"{metric.value} is a duration: its unit is one of {allowed}, got {unit!r}")

    def _nested_one(self, record: Record, path: str, value: Any) -> Norm | None:
        out = self.mapping(record, path, NORM_FIELDS, value)
        if out is None:
            return None
        if ("amount" in out) != ("unit" in out):
            missing = "unit" if "amount" in out else "amount"
            self.add(record, _join(path, missing), "amount and unit must be given together (or both left out)")
            return None
        return Norm(**out)

    def _nested_many(self, record: Record, path: str, kind: str, value: Any) -> tuple | None:
        items = self._list(record, path, value)
        if items is None:
            return None
        cls = FailureMode if kind == "failure_modes" else Duration
        built = []
        seen: dict[str, str] = {}
        ok = True
        for i, item in enumerate(items):
            sub = f"{path}[{i}]"
            out = self.mapping(record, sub, _NESTED[kind], item)
            if out is None:
                ok = False
                continue
            if kind == "failure_modes":
                if out["id"] in seen:
                    self.add(record, _join(sub, "id"),
                             f"failure mode id {out['id']!r} is used twice in this hand-off "
                             f"(first at {seen[out['id']]})")
                    ok = False
                    continue
                seen[out["id"]] = _where(record, _join(sub, "id"))
            built.append(cls(**out))
        return tuple(built) if ok else None


def _kinds_singular(kind: str) -> str:
    """``"hand-off or organisation"`` for ``handoffs|organisations``."""
    return " or ".join(KIND_SINGULAR[k] for k in kind.split("|"))


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _where(record: Record, path: str) -> str:
    """The most precise location known for a (possibly nested) field path."""
    locs = record.field_locations
    candidate = path
    while candidate:
        if candidate in locs:
            return locs[candidate]
        # strip the last component: "a[1].b" -> "a[1]" -> "a"
        cut = max(candidate.rfind("."), candidate.rfind("["))
        candidate = candidate[:cut] if cut > 0 else ""
    return record.location


_CLASSES: dict[str, type] = dict(ELEMENT_KINDS)
_LINE = re.compile(r"^(.*):(\d+)$")


def _reading_order(problem: Problem) -> tuple[str, int]:
    """File, then line or row number (numerically); stable for equal places."""
    match = _LINE.match(problem.location)
    if match:
        return match.group(1), int(match.group(2))
    return problem.location, 0


def build_model(record_set: RecordSet) -> ChainModel:
    """Validate canonical records and build the model, or raise every problem.

    Parameters
    ----------
    record_set : RecordSet
        Records from any reader, plus the problems that reader already found.

    Returns
    -------
    ChainModel
        The complete model; never a partial one.

    Raises
    ------
    ChainDataError
        Listing every problem, in reading order (file, then line or row).

    Examples
    --------
    >>> from loaders.records import Record, RecordSet
    >>> rec = Record("signals", {"id": "s", "name": "S", "enters_at": "politei", "phase": "p",
    ...              "sources": ["x"], "status": "verified"}, "signals.yaml:4",
    ...              {"enters_at": "signals.yaml:6"})
    >>> try:
    ...     build_model(RecordSet([rec], region="r"))
    ... except ChainDataError as err:
    ...     print(*err.problems, sep="\\n")
    signals.yaml:4: phase: unknown phase 'p'
    signals.yaml:4: sources[0]: unknown source 'x'
    signals.yaml:6: enters_at: unknown organisation 'politei'
    """
    check = _Checker()
    problems: list[Problem] = list(record_set.problems)
    region = record_set.region
    if not isinstance(region, str) or not region.strip():
        problems.append(Problem("region.yaml", "region", "the region is missing (region.yaml: region: <name>)"))
    title = record_set.title if isinstance(record_set.title, str) else ""

    converted: list[tuple[Record, dict[str, Any]]] = []
    ids: dict[str, tuple[str, str]] = {}  # id -> (kind, location)
    for record in record_set.records:
        kind = record.kind
        if kind not in SPECS:
            check.add(record, "(kind)", f"unknown kind {kind!r}; known kinds: {', '.join(SPECS)}")
            continue
        data = record.data
        raw_id = data.get("id") if isinstance(data, dict) else None
        out = check.mapping(record, "", SPECS[kind], data)
        if isinstance(raw_id, str) and ID_PATTERN.fullmatch(raw_id):
            here = record.where("id")
            if raw_id in ids:
                other_kind, other = ids[raw_id]
                check.add(record, "id",
                          f"duplicate id {raw_id!r}: also used by the {KIND_SINGULAR[other_kind]} at {other}")
                out = None
            else:
                ids[raw_id] = (kind, here)
        if out is not None:
            converted.append((record, out))

    ids_of_kind: dict[str, list[str]] = {}
    hints: dict[tuple[str, str], str] = {}
    for record, path, value, kind in check.refs:
        known = ids.get(value)
        if known is not None and known[0] in kind.split("|"):
            continue
        message = f"unknown {_kinds_singular(kind)} {value!r}"
        if known is not None:
            message += f" (it is a {KIND_SINGULAR[known[0]]})"
        if kind not in ids_of_kind:
            ids_of_kind[kind] = sorted(i for i, (k, _) in ids.items() if k in kind.split("|"))
        if (kind, value) not in hints:
            hints[(kind, value)] = did_you_mean(value, ids_of_kind[kind])
        check.add(record, path, message + hints[(kind, value)])

    _check_verified_by_primary_sources(converted, check)
    problems += check.problems
    if problems:
        raise ChainDataError(sorted(problems, key=_reading_order))

    collections: dict[str, list] = {kind: [] for kind in ELEMENT_KINDS}
    for record, out in converted:
        collections[record.kind].append(_CLASSES[record.kind](**out))
    return ChainModel(region=region, title=title, **{k: tuple(v) for k, v in collections.items()})


def _check_verified_by_primary_sources(converted: list[tuple[Record, dict[str, Any]]], check: _Checker) -> None:
    """A fact (element, norm, failure mode, duration) marked ``verified`` must cite at
    least one source that can verify: one whose ``authority`` is official or
    primary, or that is not typed. A fact resting only on secondary copies and
    news is reported at its ``status`` field."""
    authority: dict[str, SourceAuthority | None] = {
        out["id"]: out.get("authority") for record, out in converted if record.kind == "sources"
    }

    def judge(record: Record, prefix: str, status: Any, sources: Any) -> None:
        if status is not Status.VERIFIED or not sources:
            return
        kinds = [authority.get(s) for s in sources]
        if any(s not in authority for s in sources) or any(a is None or a.verifies for a in kinds):
            return  # an unknown source is reported elsewhere; an untyped one is not judged
        listed = ", ".join(f"{s}: {a.value}" for s, a in zip(sources, kinds, strict=False) if a is not None)
        check.add(record, _join(prefix, "status"),
                  f"verified, but it rests only on secondary copies or news ({listed}); a secondary copy may "
                  "point to an official source but never verifies: cite the official or primary source, "
                  "or mark it unverified")

    for record, out in converted:
        if record.kind == "sources":
            continue
        judge(record, "", out.get("status"), out.get("sources"))
        norm = out.get("norm")
        if norm is not None:
            judge(record, "norm", norm.status, norm.sources)
        for field in ("failure_modes", "durations"):
            for i, part in enumerate(out.get(field) or ()):
                judge(record, f"{field}[{i}]", part.status, part.sources)


# --- the inverse: model -> canonical records ---------------------------------

def _plain(value: Any) -> Any:
    """A field value in canonical record form: nested parts by their field specs, whole
    floats as ints (``5`` not ``5.0``), dates kept as dates (YAML writes them), the rest
    through the one encoder :func:`graph.encode.plain`."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (Norm, FailureMode, Duration)):
        spec = {Norm: NORM_FIELDS, FailureMode: FAILURE_MODE_FIELDS, Duration: DURATION_FIELDS}[type(value)]
        return _canonical(value, spec)
    if isinstance(value, dt.date):
        return value
    return plain(value)


def _canonical(obj: Any, spec: tuple[Field, ...]) -> dict[str, Any]:
    defaults = {f.name: f.default for f in dc_fields(obj)}
    out: dict[str, Any] = {}
    for f in spec:
        value = getattr(obj, f.attribute)
        if value is None or value == ():
            continue
        if not f.required and value == defaults.get(f.attribute, object()):
            # Optional fields at their default (LegalBasis.kind statute,
            # Norm.kind statutory, Source.status verified) are left out.
            continue
        out[f.name] = _plain(value)
    return out


def model_to_records(model: ChainModel) -> dict[str, list[dict[str, Any]]]:
    """The canonical dicts (``docs/data-format.md`` form) of every element, per kind.

    Optional fields that are empty or at their default are left out; enums are
    plain strings; dates stay :class:`datetime.date`. Building records made of
    these dicts gives back an equal model.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> recs = model_to_records(toy_chain())
    >>> ho = next(r for r in recs["handoffs"] if r["id"] == "ho-politie-vt")
    >>> ho["from"], ho["to"], ho["passes"], ho["norm"]["unit"]
    ('politie', 'veilig-thuis', ['information', 'case'], 'working-days')
    >>> from loaders.records import Record, RecordSet
    >>> rs = RecordSet([Record(k, d, "x") for k, ds in recs.items() for d in ds], region="toy",
    ...                title="Voorbeeldketen")
    >>> build_model(rs) == toy_chain()
    True
    """
    return {kind: [_canonical(element, SPECS[kind]) for element in getattr(model, kind)] for kind in SPECS}
