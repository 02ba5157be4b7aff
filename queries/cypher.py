"""Every Cypher statement ketenkaart sends, in one place.

Rules (checked by ``tests/test_neo4j_cypher.py`` without a database):

- every value is a ``$parameter``; the text of a statement never contains
  data, so it cannot be injected into and the server can cache its plan;
- labels and relationship types come only from :class:`graph.vocab.Label`
  and :class:`graph.vocab.Rel`, backtick-quoted by :func:`quote`;
- the statements are standard Cypher that Neo4j 5 accepts and that the
  FalkorDB v4.18 Bolt test server accepts too: no ``EXISTS {}``/``COUNT {}``
  subqueries, no temporal values, no ``shortestPath`` in ``MATCH``.
  Server-specific statements (constraints, indexes) are the only ones that
  differ, chosen through :class:`Dialect`.

>>> print(merge_nodes(Label.ORGANISATION))
UNWIND $rows AS row MERGE (n:`Organisation` {id: row.id}) SET n = row.props
>>> print(merge_relationships(Rel.TO, Label.HANDOFF, Label.ORGANISATION))
UNWIND $rows AS row MATCH (a:`HandOff` {id: row.from}) MATCH (b:`Organisation` {id: row.to}) MERGE (a)-[:`TO`]->(b)
"""

from __future__ import annotations

from enum import StrEnum

from graph.vocab import Label, Rel

__all__ = [
    "Dialect",
    "quote",
    "SERVER_COMPONENTS",
    "schema_statements",
    "EXISTING_INDEXES",
    "merge_nodes",
    "merge_node",
    "merge_relationships",
    "merge_relationship",
    "delete_nodes",
    "delete_relationships",
    "NODE_PROPERTIES",
    "node_properties",
    "RELATIONSHIPS",
    "CHAIN_NAME",
    "COUNT_NODES",
    "DELETE_ALL",
]


class Dialect(StrEnum):
    """The Bolt server family; only schema statements depend on it."""

    NEO4J = "neo4j"
    FALKORDB = "falkordb"


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


# --- server and schema ---------------------------------------------------

# Neo4j answers with its components; FalkorDB has no such procedure.
SERVER_COMPONENTS = "CALL dbms.components() YIELD name RETURN name"

# FalkorDB's index listing (Neo4j uses constraints instead, created idempotently).
EXISTING_INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"


def schema_statements(dialect: Dialect, labels: tuple[Label, ...] = tuple(Label)) -> list[str]:
    """Uniqueness on ``id`` for every label: a constraint where the server has
    them (Neo4j; idempotent), otherwise a plain index (FalkorDB; the caller
    skips labels already indexed, see :data:`EXISTING_INDEXES`).

    >>> schema_statements(Dialect.NEO4J, (Label.HANDOFF,))
    ['CREATE CONSTRAINT `ketenkaart_HandOff_id` IF NOT EXISTS FOR (n:`HandOff`) REQUIRE n.id IS UNIQUE']
    >>> schema_statements(Dialect.FALKORDB, (Label.HANDOFF,))
    ['CREATE INDEX FOR (n:`HandOff`) ON (n.id)']
    """
    if dialect is Dialect.NEO4J:
        return [
            f"CREATE CONSTRAINT `ketenkaart_{label.value}_id` IF NOT EXISTS "
            f"FOR (n:{quote(label)}) REQUIRE n.id IS UNIQUE"
            for label in labels
        ]
    return [f"CREATE INDEX FOR (n:{quote(label)}) ON (n.id)" for label in labels]


# --- writing -------------------------------------------------------------


def merge_nodes(label: Label) -> str:
    """Batched upsert: ``$rows`` of ``{id, props}``; ``props`` replaces every property."""
    return f"UNWIND $rows AS row MERGE (n:{quote(label)} {{id: row.id}}) SET n = row.props"


def merge_node(label: Label) -> str:
    """One node per statement (``$id``, ``$props``): the row-by-row baseline of the benchmark."""
    return f"MERGE (n:{quote(label)} {{id: $id}}) SET n = $props"


def merge_relationships(rel: Rel, from_label: Label, to_label: Label) -> str:
    """Batched upsert of relationships: ``$rows`` of ``{from, to}`` ids."""
    return (
        f"UNWIND $rows AS row MATCH (a:{quote(from_label)} {{id: row.from}}) "
        f"MATCH (b:{quote(to_label)} {{id: row.to}}) MERGE (a)-[:{quote(rel)}]->(b)"
    )


def merge_relationship(rel: Rel, from_label: Label, to_label: Label) -> str:
    """One relationship per statement (``$from``, ``$to``): the row-by-row baseline."""
    return (
        f"MATCH (a:{quote(from_label)} {{id: $from}}) "
        f"MATCH (b:{quote(to_label)} {{id: $to}}) MERGE (a)-[:{quote(rel)}]->(b)"
    )


def delete_nodes(label: Label) -> str:
    """Remove nodes (and their relationships) by id: ``$ids``."""
    return f"UNWIND $ids AS id MATCH (n:{quote(label)} {{id: id}}) DETACH DELETE n"


def delete_relationships(rel: Rel, from_label: Label, to_label: Label) -> str:
    """Remove relationships: ``$rows`` of ``{from, to}`` ids."""
    return (
        f"UNWIND $rows AS row MATCH (a:{quote(from_label)} {{id: row.from}})"
        f"-[r:{quote(rel)}]->(b:{quote(to_label)} {{id: row.to}}) DELETE r"
    )


# Everything ketenkaart wrote, for counting and for clearing a test database.
COUNT_NODES = "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n"
DELETE_ALL = "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) DETACH DELETE n"


# --- reading -------------------------------------------------------------


def node_properties(label: Label) -> str:
    """The property maps of every node of one label."""
    return f"MATCH (n:{quote(label)}) RETURN properties(n) AS props"


NODE_PROPERTIES: dict[Label, str] = {label: node_properties(label) for label in Label}

# Every relationship of ketenkaart's types: ``$types`` (Rel values).
RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) WHERE type(r) IN $types "
    "RETURN type(r) AS rel, labels(a) AS from_labels, a.id AS from, labels(b) AS to_labels, b.id AS to"
)

# The chain's region and title, carried by every node.
CHAIN_NAME = (
    "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND n.chain IS NOT NULL "
    "RETURN DISTINCT n.chain AS region, n.chain_title AS title"
)
