"""Projection of a :class:`~graph.model.ChainModel` onto rows for Cypher ``UNWIND`` batches, and back.

One-way and pure: :func:`to_cypher_rows` turns the model into node rows
(``{"key": ..., "props": {...}}``, grouped by :class:`~graph.vocab.Label`)
and relationship rows (``{"from": key, "to": key}``, grouped by relationship
type and the labels at both ends). :func:`model_from_properties` is its
inverse: it rebuilds the model from the node properties a server returns.
Both walk the model's dataclass fields, so a field added to the model is
written and read back without a change here.

Values are Neo4j's own types:

- every field of an element is a property of the same name; enumerations
  are their string value, ``datetime.date`` stays a date (a Neo4j ``DATE``),
  tuples are lists; ``None`` and empty tuples are left out (the field's
  default comes back);
- nested parts (a hand-off's norm and failure modes, an instrument's
  durations) are nodes of their own (:data:`NESTED`), linked from their
  element (``(:HandOff)-[:HAS_FAILURE_MODE]->(:FailureMode)``) and to their
  sources; they carry ``owner`` (the element's id), ``position`` (their place
  in the element's list) and ``key`` (``owner#field-position``, e.g.
  ``ho-politie-vt#failure_modes-0``; unique);
  a norm or duration whose amount is a whole number of a calendar unit also
  gets ``duration``, a Neo4j ``DURATION`` (working days have none);
- every node has a ``caption`` for graph browsers; a legal basis also has
  ``href`` and ``juriconnect``. These, ``key``, ``owner``, ``position`` and
  ``duration`` are not model fields and are not read back.

The model's region and title, and the data version (:func:`data_version`),
live on the push's stamp node (see :mod:`loaders.neo4j`), not on every node.

>>> from graph.examples import toy_chain
>>> rows = to_cypher_rows(toy_chain())
>>> [(group.label.value, len(group.rows)) for group in rows.nodes][:3]
[('Source', 2), ('Phase', 4), ('Organisation', 5)]
>>> ho = rows.node_row(Label.HANDOFF, "ho-politie-vt")["props"]
>>> ho["passes"], ho["caption"]
(['information', 'case'], 'politie → veilig-thuis')
>>> norm = rows.node_row(Label.NORM, "ho-politie-vt#norm-0")["props"]
>>> norm["amount"], norm["unit"], norm["owner"], "duration" in norm  # working days: no Neo4j duration
(5, 'working-days', 'ho-politie-vt', False)
>>> model_from_properties(rows.region, rows.title, rows.properties_by_label()) == toy_chain()
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graph.model import (
    ELEMENT_KINDS,
    ChainModel,
    Duration,
    FailureMode,
    LegalBasis,
    Norm,
    NormUnit,
)
from graph.relations import relationships as model_relationships
from graph.vocab import LABEL_OF_KIND, Label, Rel

__all__ = [
    "CHAIN_LABELS",
    "ELEMENT_LABELS",
    "KEY_PROPERTY",
    "NESTED",
    "NESTED_LABELS",
    "CypherRows",
    "NodeRows",
    "RelRows",
    "data_version",
    "encode_properties",
    "model_from_properties",
    "to_cypher_rows",
]

# Nested part class -> its node label and the relationship from its element.
NESTED: dict[type, tuple[Label, Rel]] = {
    Norm: (Label.NORM, Rel.HAS_NORM),
    FailureMode: (Label.FAILURE_MODE, Rel.HAS_FAILURE_MODE),
    Duration: (Label.DURATION, Rel.HAS_DURATION),
}

# Element labels in write order (relationship targets exist before their sources).
ELEMENT_LABELS: tuple[Label, ...] = (
    Label.SOURCE,
    Label.PHASE,
    Label.ORGANISATION,
    Label.LEGAL_BASIS,
    Label.INSTRUMENT,
    Label.HANDOFF,
    Label.SIGNAL,
    Label.OBSERVATION,
)
NESTED_LABELS: tuple[Label, ...] = tuple(label for label, _ in NESTED.values())
# Every label a push makes equal to the model (the stamp node is written separately).
CHAIN_LABELS: tuple[Label, ...] = ELEMENT_LABELS + NESTED_LABELS

# The property that identifies a node of each label (unique per label; a
# constraint on the server). Only these names ever appear in Cypher patterns.
KEY_PROPERTY: dict[Label, str] = {
    **dict.fromkeys(ELEMENT_LABELS, "id"),
    **dict.fromkeys(NESTED_LABELS, "key"),
    Label.CHAIN_STAMP: "id",
}

# Properties written for graph browsers and for the store's bookkeeping; never model fields.
_DERIVED = frozenset({"caption", "href", "juriconnect", "key", "owner", "position", "duration"})

_KIND_OF_LABEL: dict[Label, str] = {label: kind for kind, label in LABEL_OF_KIND.items()}
_CLASS_OF_LABEL: dict[Label, type] = {label: ELEMENT_KINDS[kind] for label, kind in _KIND_OF_LABEL.items()}
_CLASS_OF_LABEL.update({label: cls for cls, (label, _) in NESTED.items()})

# A whole amount of these units is exactly a Neo4j duration (months, days or seconds).
_DURATION_PARTS: dict[NormUnit, tuple[str, int]] = {
    NormUnit.HOURS: ("seconds", 3600),
    NormUnit.CALENDAR_DAYS: ("days", 1),
    NormUnit.WEEKS: ("days", 7),
    NormUnit.MONTHS: ("months", 1),
}


@dataclass(frozen=True)
class NodeRows:
    """All nodes of one label: rows ``{"key": str, "props": dict}``."""

    label: Label
    rows: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class RelRows:
    """All relationships of one type between two labels: rows ``{"from": key, "to": key}``."""

    rel: Rel
    from_label: Label
    to_label: Label
    rows: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class CypherRows:
    """The whole model as rows, nodes (in :data:`CHAIN_LABELS` order) before relationships."""

    region: str
    title: str
    nodes: tuple[NodeRows, ...]
    relationships: tuple[RelRows, ...]

    @property
    def node_count(self) -> int:
        return sum(len(group.rows) for group in self.nodes)

    @property
    def relationship_count(self) -> int:
        return sum(len(group.rows) for group in self.relationships)

    def node_row(self, label: Label, key: str) -> dict[str, Any]:
        """The row of one node; KeyError when absent."""
        for group in self.nodes:
            if group.label is label:
                for row in group.rows:
                    if row["key"] == key:
                        return row
        raise KeyError(key)

    def properties_by_label(self) -> dict[Label, list[dict[str, Any]]]:
        """Node properties per label, as a server returns ``properties(n)``."""
        return {group.label: [dict(row["props"]) for row in group.rows] for group in self.nodes}


# --- field types ----------------------------------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return hint


def _nested_field(hint: Any) -> tuple[type, bool] | None:
    """``(nested class, is a tuple)`` when ``hint`` holds nested parts, else None."""
    hint = _strip_optional(hint)
    many = typing.get_origin(hint) is tuple
    if many:
        hint = typing.get_args(hint)[0]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if hint not in NESTED:
            raise TypeError(f"no Neo4j label for the nested {hint.__name__}: add it to graph.cypher_rows.NESTED")
        return hint, many
    return None


_NESTED_FIELDS: dict[type, dict[str, tuple[type, bool]]] = {}


def _nested_fields(cls: type) -> dict[str, tuple[type, bool]]:
    """The fields of ``cls`` that hold nested parts: ``{name: (class, many)}``."""
    found = _NESTED_FIELDS.get(cls)
    if found is None:
        found = {}
        for f in dataclasses.fields(cls):
            nested = _nested_field(_hints(cls)[f.name])
            if nested is not None:
                found[f.name] = nested
        classes = [nested_cls for nested_cls, _ in found.values()]
        if len(classes) != len(set(classes)):
            raise TypeError(f"{cls.__name__} has two fields of one nested class; the store cannot tell them apart")
        _NESTED_FIELDS[cls] = found
    return found


_PLAIN_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain_fields(cls: type) -> tuple[str, ...]:
    """The names of the fields of ``cls`` that become properties (all but nested parts)."""
    names = _PLAIN_FIELDS.get(cls)
    if names is None:
        nested = _nested_fields(cls)
        names = _PLAIN_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.name not in nested)
    return names


def _check_field_names() -> None:
    for cls in _CLASS_OF_LABEL.values():
        clash = _DERIVED & {f.name for f in dataclasses.fields(cls)}
        if clash:
            raise TypeError(f"{cls.__name__} has fields named like store properties: {sorted(clash)}")


_check_field_names()


# --- encoding -----------------------------------------------------------


def _encode_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_encode_value(item) for item in value]
    if dataclasses.is_dataclass(value):
        raise TypeError(f"nested {type(value).__name__} outside a nested field")
    return value  # str, int, float, bool, datetime.date: Neo4j has them all


def _caption(obj: Any) -> str:
    """The name to show in a graph browser: a hand-off's title, an element's name,
    a duration's label, a norm's or failure mode's description."""
    for attr in ("label", "name", "description"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _neo4j_duration(amount: float | None, unit: NormUnit | None) -> Any:
    """A Neo4j duration equal to ``amount unit``, or None when there is none (working days,
    or a fraction of a unit that a duration would round)."""
    if amount is None or unit not in _DURATION_PARTS:
        return None
    part, factor = _DURATION_PARTS[unit]
    whole = amount * factor
    if whole != int(whole):
        return None
    from neo4j.time import Duration as Neo4jDuration

    return Neo4jDuration(**{part: int(whole)})


def encode_properties(element: Any) -> dict[str, Any]:
    """The node properties of one element or nested part, without its nested parts.

    >>> from graph.examples import toy_chain
    >>> props = encode_properties(toy_chain().get("old-rule"))
    >>> props["valid_to"], props["kind"], props["caption"]
    (datetime.date(2015, 1, 1), 'policy-rule', 'Vervallen regeling')
    """
    props: dict[str, Any] = {}
    for name in _plain_fields(type(element)):
        value = getattr(element, name)
        if value is not None and value != ():
            props[name] = _encode_value(value)
    props["caption"] = _caption(element)
    if isinstance(element, LegalBasis):
        if element.url:
            props["href"] = element.url  # derived from the BWB id, or url_override
        if element.juriconnect:
            props["juriconnect"] = element.juriconnect
    duration = _neo4j_duration(getattr(element, "amount", None), getattr(element, "unit", None))
    if duration is not None:
        props["duration"] = duration
    return props


def _nested_parts(element: Any) -> Iterator[tuple[Label, Rel, str, int, Any]]:
    """``(label, relationship, key, position, part)`` for every nested part of ``element``;
    the key is ``<element id>#<field>-<position>``, e.g. ``ho-politie-vt#norm-0``."""
    for name, (cls, many) in _nested_fields(type(element)).items():
        label, rel = NESTED[cls]
        value = getattr(element, name)
        parts = value if many else (() if value is None else (value,))
        for position, part in enumerate(parts):
            yield label, rel, f"{element.id}#{name}-{position}", position, part


def to_cypher_rows(model: ChainModel) -> CypherRows:
    """Project ``model`` onto node and relationship rows (see module docstring).

    Relationships between elements mirror :func:`graph.networkx.to_networkx`
    edge for edge; nested parts add ``HAS_*`` and their own ``SOURCED_FROM``.

    Parameters
    ----------
    model : ChainModel

    Returns
    -------
    CypherRows
        Node groups in :data:`CHAIN_LABELS` order, then relationship groups
        sorted by type and labels; rows within a group sorted by key.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> rows = to_cypher_rows(toy_chain())
    >>> rows.node_count, rows.relationship_count
    (26, 65)
    >>> [r for g in rows.relationships if g.rel is Rel.HAS_FAILURE_MODE for r in g.rows]
    [{'from': 'ho-vt-lokaal-team', 'to': 'ho-vt-lokaal-team#failure_modes-0'}]
    """
    nodes: dict[Label, list[dict[str, Any]]] = {label: [] for label in CHAIN_LABELS}
    groups: dict[tuple[Rel, Label, Label], set[tuple[str, str]]] = {}

    def link(rel: Rel, a: Label, u: str, b: Label, v: str) -> None:
        groups.setdefault((rel, a, b), set()).add((u, v))

    for label in ELEMENT_LABELS:
        for element in getattr(model, _KIND_OF_LABEL[label]):
            nodes[label].append({"key": element.id, "props": encode_properties(element)})
            for part_label, rel, key, position, part in _nested_parts(element):
                props = {"key": key, "owner": element.id, "position": position, **encode_properties(part)}
                nodes[part_label].append({"key": key, "props": props})
                link(rel, label, element.id, part_label, key)
                for source in getattr(part, "sources", ()):
                    link(Rel.SOURCED_FROM, part_label, key, Label.SOURCE, source)

    label_of_id = {element.id: LABEL_OF_KIND[model.kind_of(element.id)] for element in model.elements()}
    for u, v, rel in model_relationships(model):
        link(rel, label_of_id.get(u, Label.ORGANISATION), u, label_of_id.get(v, Label.ORGANISATION), v)

    relationships = tuple(
        RelRows(rel, a, b, tuple({"from": u, "to": v} for u, v in sorted(pairs)))
        for (rel, a, b), pairs in sorted(groups.items(), key=lambda item: tuple(str(x) for x in item[0]))
    )
    node_groups = tuple(
        NodeRows(label, tuple(sorted(rows, key=lambda row: str(row["key"])))) for label, rows in nodes.items()
    )
    return CypherRows(model.region, model.title, node_groups, relationships)


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)  # a Neo4j duration: ISO 8601, e.g. 'P10D'


def data_version(rows: CypherRows) -> str:
    """A fingerprint of the chain's content: equal rows, equal version.

    >>> from graph.examples import toy_chain
    >>> v = data_version(to_cypher_rows(toy_chain()))
    >>> len(v), v == data_version(to_cypher_rows(toy_chain()))
    (16, True)
    """
    content = {
        "region": rows.region,
        "title": rows.title,
        "nodes": [[group.label.value, list(group.rows)] for group in rows.nodes],
        "relationships": [
            [g.rel.value, g.from_label.value, g.to_label.value, list(g.rows)] for g in rows.relationships
        ],
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=_json_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- decoding -----------------------------------------------------------


def _decode(hint: Any, raw: Any) -> Any:
    hint = _strip_optional(hint)
    if typing.get_origin(hint) is tuple:
        item_hint = typing.get_args(hint)[0]
        return tuple(_decode(item_hint, item) for item in raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(raw)
    if hint is dt.date and not isinstance(raw, dt.date):
        # a Neo4j DATE (neo4j.time.Date); an ISO string written by hand in Browser also works
        return raw.to_native() if hasattr(raw, "to_native") else dt.date.fromisoformat(raw)
    return raw


def _build(cls: type, props: Mapping[str, Any], nested: Mapping[str, Any] | None = None) -> Any:
    """An instance of ``cls`` from the properties that are its fields (others are ignored)."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = dict(nested or {})
    for f in dataclasses.fields(cls):
        if f.name not in kwargs and props.get(f.name) is not None:
            kwargs[f.name] = _decode(hints[f.name], props[f.name])
    return cls(**kwargs)


def model_from_properties(
    region: str, title: str, props_by_label: Mapping[Label, Iterable[Mapping[str, Any]]]
) -> ChainModel:
    """Rebuild the model from node properties, the inverse of :func:`to_cypher_rows`.

    ``props_by_label`` maps each label to the property maps of its nodes (as
    returned by ``properties(n)``); labels may be missing, other labels are ignored.
    """
    # nested parts per owner and class, in their position order
    parts: dict[tuple[str, type], list[tuple[int, Any]]] = {}
    for label in NESTED_LABELS:
        cls = _CLASS_OF_LABEL[label]
        for props in props_by_label.get(label, ()):
            parts.setdefault((props["owner"], cls), []).append((props["position"], _build(cls, props)))

    kinds: dict[str, list[Any]] = {kind: [] for kind in ELEMENT_KINDS}
    for label in ELEMENT_LABELS:
        kind = _KIND_OF_LABEL[label]
        cls = ELEMENT_KINDS[kind]
        nested_fields = _nested_fields(cls)
        for props in props_by_label.get(label, ()):
            nested: dict[str, Any] = {}
            for name, (part_cls, many) in nested_fields.items():
                found = [part for _, part in sorted(parts.get((props["id"], part_cls), []), key=lambda p: p[0])]
                if found:
                    nested[name] = tuple(found) if many else found[0]
            kinds[kind].append(_build(cls, props, nested))
    return ChainModel(region=region, title=title, **{kind: tuple(items) for kind, items in kinds.items()})
