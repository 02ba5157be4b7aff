"""Every Cypher statement ketenkaart sends to Neo4j, in one place.

Rules (checked by ``tests/test_neo4j_cypher.py`` without a database):

- every value is a ``$parameter``; the text of a statement never contains
  data, so nothing can be injected into it and the server caches its plan;
- labels and relationship types come only from :class:`graph.vocab.Label`
  and :class:`graph.vocab.Rel`, backtick-quoted by :func:`quote`; property
  names in patterns only from :data:`graph.cypher_rows.KEY_PROPERTY`;
- writes are batched: ``UNWIND $rows AS row MERGE …``.

>>> print(merge_nodes(Label.ORGANISATION))
UNWIND $rows AS row MERGE (n:`Organisation` {id: row.key}) SET n = row.props
>>> print(merge_relationships(Rel.HAS_NORM, Label.HANDOFF, Label.NORM))
UNWIND $rows AS row MATCH (a:`HandOff` {id: row.from}) MATCH (b:`Norm` {key: row.to}) MERGE (a)-[:`HAS_NORM`]->(b)
"""

from __future__ import annotations

import re

from graph.cypher_rows import CHAIN_LABELS, KEY_PROPERTY
from graph.vocab import Label, Rel

__all__ = [
    "COUNT_NODES",
    "DELETE_ALL",
    "EQUIVALENT_SCHEMA_CODES",
    "LOCK_STAMP",
    "NODE_PROPERTIES",
    "READ_STAMP",
    "RELATIONSHIPS",
    "WRITE_STAMP",
    "delete_nodes",
    "delete_relationships",
    "merge_node",
    "merge_nodes",
    "merge_relationship",
    "merge_relationships",
    "node_properties",
    "quote",
    "schema_statements",
]


def quote(name: Label | Rel) -> str:
    """A label or relationship type, backtick-quoted; anything else is refused.

    >>> quote(Label.HANDOFF), quote(Rel.HANDS_OFF)
    ('`HandOff`', '`HANDS_OFF`')
    >>> quote("Organisation` {id: 1}) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    TypeError: not a graph.vocab Label or Rel: 'Organisation` {id: 1}) DETACH DELETE (n'
    """
    if not isinstance(name, (Label, Rel)):
        raise TypeError(f"not a graph.vocab Label or Rel: {name!r}")
    return f"`{name.value}`"


def _key(label: Label) -> str:
    """The identifying property of ``label`` (a plain identifier, checked)."""
    name = KEY_PROPERTY[label]
    if not re.fullmatch(r"[a-z][a-z_]*", name):  # pragma: no cover - KEY_PROPERTY is a constant
        raise ValueError(f"not a property name: {name!r}")
    return name


# --- schema --------------------------------------------------------------

# The names of the constraints the database has (a push creates only the missing ones).
CONSTRAINT_NAMES = "SHOW CONSTRAINTS YIELD name RETURN name"

# Neo4j's answer when a concurrent push created the same constraint a moment earlier.
EQUIVALENT_SCHEMA_CODES = frozenset({
    "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
    "Neo.ClientError.Schema.ConstraintAlreadyExists",
})


def constraint_name(label: Label) -> str:
    """The name of the uniqueness constraint on ``label``'s key.

    >>> constraint_name(Label.HANDOFF)
    'ketenkaart_HandOff_id'
    """
    return f"ketenkaart_{label.value}_{_key(label)}"


def schema_statements(labels: tuple[Label, ...] = (*CHAIN_LABELS, Label.CHAIN_STAMP)) -> list[str]:
    """A uniqueness constraint on the identifying property of every label (idempotent).

    >>> schema_statements((Label.HANDOFF, Label.FAILURE_MODE))  # doctest: +NORMALIZE_WHITESPACE
    ['CREATE CONSTRAINT `ketenkaart_HandOff_id` IF NOT EXISTS FOR (n:`HandOff`) REQUIRE n.id IS UNIQUE',
     'CREATE CONSTRAINT `ketenkaart_FailureMode_key` IF NOT EXISTS FOR (n:`FailureMode`) REQUIRE n.key IS UNIQUE']
    """
    return [
        f"CREATE CONSTRAINT `{constraint_name(label)}` IF NOT EXISTS "
        f"FOR (n:{quote(label)}) REQUIRE n.{_key(label)} IS UNIQUE"
        for label in labels
    ]


# --- writing -------------------------------------------------------------


def _node(var: str, label: Label, key: str) -> str:
    """A node pattern matched on its label's key: ``(a:`HandOff` {id: row.from})``."""
    return f"({var}:{quote(label)} {{{_key(label)}: {key}}})"


def merge_nodes(label: Label) -> str:
    """Batched upsert: ``$rows`` of ``{key, props}``; ``props`` replaces every property."""
    return f"UNWIND $rows AS row MERGE {_node('n', label, 'row.key')} SET n = row.props"


def merge_relationships(rel: Rel, from_label: Label, to_label: Label) -> str:
    """Batched upsert of relationships: ``$rows`` of ``{from, to}`` keys."""
    return (
        f"UNWIND $rows AS row MATCH {_node('a', from_label, 'row.from')} "
        f"MATCH {_node('b', to_label, 'row.to')} MERGE (a)-[:{quote(rel)}]->(b)"
    )


def delete_nodes(label: Label) -> str:
    """Remove nodes (and their relationships) by key: ``$keys``."""
    return f"UNWIND $keys AS key MATCH {_node('n', label, 'key')} DETACH DELETE n"


def delete_relationships(rel: Rel, from_label: Label, to_label: Label) -> str:
    """Remove relationships: ``$rows`` of ``{from, to}`` keys."""
    return (
        f"UNWIND $rows AS row MATCH {_node('a', from_label, 'row.from')}"
        f"-[r:{quote(rel)}]->{_node('b', to_label, 'row.to')} DELETE r"
    )


# --- the stamp (one node, id $id) ---------------------------------------------

# Taken first by every push: creates the stamp on the first push, and the property
# write locks it until the transaction ends, so concurrent pushes run one after the other.
LOCK_STAMP = (
    f"MERGE (s:{quote(Label.CHAIN_STAMP)} {{id: $id}}) SET s.locked = true REMOVE s.locked "
    "RETURN properties(s) AS props"
)
WRITE_STAMP = f"MATCH (s:{quote(Label.CHAIN_STAMP)} {{id: $id}}) SET s = $props"
READ_STAMP = f"MATCH (s:{quote(Label.CHAIN_STAMP)} {{id: $id}}) RETURN properties(s) AS props"


# --- reading -------------------------------------------------------------


def node_properties(label: Label) -> str:
    """The property maps of every node of one label, as one list (one record: a
    driver decodes one big record much faster than thousands of small ones)."""
    return f"MATCH (n:{quote(label)}) RETURN collect(properties(n)) AS props"


NODE_PROPERTIES: dict[Label, str] = {label: node_properties(label) for label in CHAIN_LABELS}

_KEYS = sorted(set(KEY_PROPERTY.values()), reverse=True)  # 'key' first: nested parts also have an 'id' field
# Every relationship of ketenkaart's types between nodes with ketenkaart's labels (``$labels``),
# one record per type and pair of labels, with the keys at both ends as two parallel lists.
RELATIONSHIPS = (
    f"MATCH (a)-[r:{'|'.join(quote(rel) for rel in Rel)}]->(b) "
    "WITH type(r) AS rel, [l IN labels(a) WHERE l IN $labels] AS from_labels, "
    "[l IN labels(b) WHERE l IN $labels] AS to_labels, "
    f"coalesce({', '.join('a.' + k for k in _KEYS)}) AS from, coalesce({', '.join('b.' + k for k in _KEYS)}) AS to "
    "RETURN rel, from_labels, to_labels, collect(from) AS froms, collect(to) AS tos"
)

# Everything ketenkaart wrote (``$labels``: Label values), for counting and for clearing.
COUNT_NODES = "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n"
DELETE_ALL = "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) DETACH DELETE n"


# --- the benchmark's baseline ------------------------------------------------
# Not used by ketenkaart itself: benchmarks/bench_neo4j_push.py runs these once per
# node and relationship, auto-committed, to show what batching saves.


def merge_node(label: Label) -> str:
    """Benchmark baseline: one node per statement (``$key``, ``$props``)."""
    return f"MERGE {_node('n', label, '$key')} SET n = $props"


def merge_relationship(rel: Rel, from_label: Label, to_label: Label) -> str:
    """Benchmark baseline: one relationship per statement (``$from``, ``$to``)."""
    return f"MATCH {_node('a', from_label, '$from')} MATCH {_node('b', to_label, '$to')} MERGE (a)-[:{quote(rel)}]->(b)"
