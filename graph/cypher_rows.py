"""Projection of a :class:`~graph.model.ChainModel` onto rows for Cypher ``UNWIND`` batches.

One-way and pure: :func:`to_cypher_rows` turns the model into plain node
rows (``{"id": ..., "props": {...}}`` per element, grouped by
:class:`~graph.vocab.Label`) and relationship rows (``{"from": ..., "to": ...}``,
grouped by relationship type and the labels at both ends). The graph has the
same shape as :func:`graph.networkx.to_networkx` (see ``docs/neo4j.md``).

Node properties hold every field of the element, so the model can be read
back losslessly with :func:`model_from_properties`:

- enumerations as their string value, dates as ISO strings (no temporal
  values: not every Bolt server returns them), tuples as lists;
- ``None`` and empty tuples are left out (the field's default comes back);
- a hand-off's norm is flattened into ``norm_*`` properties for Cypher, and
  kept exactly as the JSON string ``norm_json`` (read back from it); its failure
  modes, and an instrument's durations, are JSON strings
  (``failure_modes_json``, ``durations_json``), with the failure mode ids
  also as a list (``failure_mode_ids``) so Cypher can test for them;
- every node carries ``chain`` (the model's region), ``chain_title`` and a
  ``caption`` for graph browsers; these are not element fields.

>>> from graph.examples import toy_chain
>>> rows = to_cypher_rows(toy_chain())
>>> [(group.label.value, len(group.rows)) for group in rows.nodes][:3]
[('Source', 2), ('Phase', 4), ('Organisation', 5)]
>>> ho = rows.node_row("ho-politie-vt")
>>> ho["props"]["norm_amount"], ho["props"]["norm_unit"], ho["props"]["passes"]
(5, 'working-days', ['information', 'case'])
>>> model_from_properties(rows.region, rows.title, rows.properties_by_label()) == toy_chain()
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graph.model import (
    ELEMENT_KINDS,
    ChainModel,
    Duration,
    FailureMode,
    HandOff,
    Instrument,
    LegalBasis,
    Norm,
)
from graph.relations import relationships as model_relationships
from graph.vocab import LABEL_OF_KIND, Label, Rel

__all__ = [
    "NON_FIELD_PROPERTIES",
    "CypherRows",
    "NodeRows",
    "RelRows",
    "encode_properties",
    "model_from_properties",
    "to_cypher_rows",
]

# Properties written for people browsing the graph, never read back.
NON_FIELD_PROPERTIES = frozenset({"chain", "chain_title", "caption", "href", "juriconnect", "failure_mode_ids"})

# Node labels in write order (relationship targets exist before their sources).
_KIND_OF_LABEL: dict[Label, str] = {label: kind for kind, label in LABEL_OF_KIND.items()}
_WRITE_ORDER: tuple[Label, ...] = (
    Label.SOURCE,
    Label.PHASE,
    Label.ORGANISATION,
    Label.LEGAL_BASIS,
    Label.INSTRUMENT,
    Label.HANDOFF,
    Label.SIGNAL,
    Label.OBSERVATION,
)


@dataclass(frozen=True)
class NodeRows:
    """All nodes of one label: rows ``{"id": str, "props": dict}``."""

    label: Label
    rows: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class RelRows:
    """All relationships of one type between two labels: rows ``{"from": id, "to": id}``."""

    rel: Rel
    from_label: Label
    to_label: Label
    rows: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class CypherRows:
    """The whole model as rows, nodes before relationships."""

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

    def node_row(self, element_id: str) -> dict[str, Any]:
        """The row of one element; KeyError when absent."""
        for group in self.nodes:
            for row in group.rows:
                if row["id"] == element_id:
                    return row
        raise KeyError(element_id)

    def properties_by_label(self) -> dict[Label, list[dict[str, Any]]]:
        """Node properties per label, as a server returns ``properties(n)``."""
        return {group.label: [dict(row["props"]) for row in group.rows] for group in self.nodes}


# --- encoding -----------------------------------------------------------


def _encode_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode_value(item) for item in value]
    return value


def _plain(obj: Any) -> dict[str, Any]:
    """A nested dataclass (failure mode, duration) as a JSON-ready dict."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value is None or value == ():
            continue
        out[f.name] = _encode_value(value)
    return out


def encode_properties(element: Any, region: str = "", title: str = "") -> dict[str, Any]:
    """The node properties of one element (see module docstring).

    >>> from graph.examples import toy_chain
    >>> props = encode_properties(toy_chain().get("old-rule"), "toy")
    >>> props["valid_to"], props["kind"], props["chain"]
    ('2015-01-01', 'policy-rule', 'toy')
    """
    props: dict[str, Any] = {}
    for f in dataclasses.fields(element):
        value = getattr(element, f.name)
        if value is None or value == ():
            continue
        if isinstance(value, Norm):
            plain = _plain(value)
            for key, item in plain.items():
                props[f"norm_{key}"] = item
            # exact copy: not every Bolt server keeps every float digit
            props["norm_json"] = json.dumps(plain, ensure_ascii=False, sort_keys=True)
        elif f.name == "failure_modes":
            props["failure_modes_json"] = json.dumps([_plain(m) for m in value], ensure_ascii=False, sort_keys=True)
            props["failure_mode_ids"] = [m.id for m in value]
        elif f.name == "durations":
            props["durations_json"] = json.dumps([_plain(d) for d in value], ensure_ascii=False, sort_keys=True)
        else:
            props[f.name] = _encode_value(value)
    props["chain"] = region
    if title:
        props["chain_title"] = title
    props["caption"] = element.label if isinstance(element, HandOff) else element.name
    if isinstance(element, LegalBasis) and element.url:
        props["href"] = element.url  # derived from the BWB id, or url_override
    juriconnect = getattr(element, "juriconnect", None)
    if juriconnect:
        props["juriconnect"] = juriconnect
    return props


def to_cypher_rows(model: ChainModel) -> CypherRows:
    """Project ``model`` onto node and relationship rows (see module docstring).

    Relationships mirror :func:`graph.networkx.to_networkx` edge for edge.

    Parameters
    ----------
    model : ChainModel

    Returns
    -------
    CypherRows
        Node groups in write order, then relationship groups sorted by
        type and labels; rows within a group sorted by id.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> rows = to_cypher_rows(toy_chain())
    >>> rows.node_count, rows.relationship_count
    (23, 59)
    >>> [r for g in rows.relationships if g.rel is Rel.TO for r in g.rows][0]
    {'from': 'ho-lokaal-team-vt', 'to': 'veilig-thuis'}
    """
    nodes = []
    for label in _WRITE_ORDER:
        kind = _KIND_OF_LABEL[label]
        rows = tuple(
            {"id": element.id, "props": encode_properties(element, model.region, model.title)}
            for element in getattr(model, kind)
        )
        nodes.append(NodeRows(label, rows))

    label_of_id = {element.id: LABEL_OF_KIND[model.kind_of(element.id)] for element in model.elements()}
    groups: dict[tuple[Rel, Label, Label], set[tuple[str, str]]] = {}

    for u, v, rel in model_relationships(model):
        key = (rel, label_of_id.get(u, Label.ORGANISATION), label_of_id.get(v, Label.ORGANISATION))
        groups.setdefault(key, set()).add((u, v))

    relationships = tuple(
        RelRows(rel, a, b, tuple({"from": u, "to": v} for u, v in sorted(pairs)))
        for (rel, a, b), pairs in sorted(groups.items(),
                                         key=lambda item: (item[0][0].value, item[0][1].value, item[0][2].value))
    )
    return CypherRows(model.region, model.title, tuple(nodes), relationships)


# --- decoding -----------------------------------------------------------


def _decode(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decode(inner[0], raw)
    if origin is tuple:
        (item_hint, _ellipsis) = typing.get_args(hint)
        return tuple(_decode(item_hint, item) for item in raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(raw)
    if hint is dt.date:
        return dt.date.fromisoformat(raw)
    if dataclasses.is_dataclass(hint):
        return _build(hint, raw)
    return raw


_HINTS: dict[type, dict[str, Any]] = {}


def _build(cls: type, props: Mapping[str, Any]) -> Any:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in props and props[f.name] is not None:
            kwargs[f.name] = _decode(hints[f.name], props[f.name])
    return cls(**kwargs)


def _element(cls: type, props: Mapping[str, Any]) -> Any:
    fields = {k: v for k, v in props.items() if k not in NON_FIELD_PROPERTIES and not k.startswith("norm_")}
    fields.pop("failure_modes_json", None)
    fields.pop("durations_json", None)
    if cls is HandOff:
        if props.get("norm_json"):
            fields["norm"] = json.loads(props["norm_json"])
        else:
            norm = {k[len("norm_"):]: v for k, v in props.items() if k.startswith("norm_")}
            if norm:
                fields["norm"] = norm
        if props.get("failure_modes_json"):
            fields["failure_modes"] = json.loads(props["failure_modes_json"])
    if cls is Instrument and props.get("durations_json"):
        fields["durations"] = json.loads(props["durations_json"])
    return _build(cls, fields)


def model_from_properties(
    region: str, title: str, props_by_label: Mapping[Label, Iterable[Mapping[str, Any]]]
) -> ChainModel:
    """Rebuild the model from node properties, the inverse of :func:`to_cypher_rows`.

    ``props_by_label`` maps each label to the property maps of its nodes
    (as returned by ``properties(n)``); labels may be missing.
    """
    kinds: dict[str, list] = {kind: [] for kind in ELEMENT_KINDS}
    for label, items in props_by_label.items():
        kind = _KIND_OF_LABEL[Label(label)]
        cls = ELEMENT_KINDS[kind]
        kinds[kind].extend(_element(cls, props) for props in items)
    return ChainModel(region=region, title=title, **{kind: tuple(items) for kind, items in kinds.items()})


# Nested classes decoded from JSON/flattened maps (kept referenced for readers).
_NESTED = (Norm, FailureMode, Duration)
