"""The Cypher text itself, checked without a database: parameters only, closed
vocabulary, and nothing the FalkorDB v4.18 test server or Neo4j 5 rejects."""

from __future__ import annotations

import re

import pytest

from graph.cypher_rows import to_cypher_rows
from graph.examples import toy_chain
from graph.vocab import Label, Rel
from queries import cypher


def all_statements() -> list[str]:
    statements = [
        cypher.SERVER_COMPONENTS, cypher.EXISTING_INDEXES, cypher.RELATIONSHIPS, cypher.CHAIN_NAME,
        cypher.COUNT_NODES, cypher.DELETE_ALL,
    ]
    statements += list(cypher.NODE_PROPERTIES.values())
    for dialect in cypher.Dialect:
        statements += cypher.schema_statements(dialect)
    for label in Label:
        statements += [cypher.merge_nodes(label), cypher.merge_node(label), cypher.delete_nodes(label)]
    rows = to_cypher_rows(toy_chain())
    for group in rows.relationships:
        args = (group.rel, group.from_label, group.to_label)
        statements += [
            cypher.merge_relationships(*args),
            cypher.merge_relationship(*args),
            cypher.delete_relationships(*args),
        ]
    return statements


STATEMENTS = all_statements()


@pytest.mark.parametrize("statement", STATEMENTS)
def test_no_literal_values_in_statements(statement):
    assert "'" not in statement and '"' not in statement, statement
    # numbers only as the fixed comparisons with zero (counts, list sizes)
    assert set(re.findall(r"\b\d+\b", statement)) <= {"0"}, statement


@pytest.mark.parametrize("statement", STATEMENTS)
def test_names_come_from_the_closed_vocabulary(statement):
    names = set(re.findall(r"`([^`]*)`", statement))
    allowed = {label.value for label in Label} | {rel.value for rel in Rel}
    allowed |= {f"ketenkaart_{label.value}_id" for label in Label}  # constraint names
    assert names <= allowed, names - allowed
    # every label or type in a pattern is backtick-quoted
    assert not re.search(r"[(\[][a-z]*:[A-Za-z]", statement), statement


@pytest.mark.parametrize("statement", STATEMENTS)
def test_portable_cypher(statement):
    for construct in ("EXISTS {", "COUNT {", "date(", "datetime(", "duration(", "CALL {", "shortestPath"):
        assert construct not in statement, (construct, statement)


def test_quote_refuses_plain_strings_even_valid_names():
    with pytest.raises(TypeError):
        cypher.quote("Organisation")
    assert cypher.quote(Label.LEGAL_BASIS) == "`LegalBasis`"


def test_batched_writes_unwind_a_rows_parameter():
    for label in Label:
        assert cypher.merge_nodes(label).startswith("UNWIND $rows AS row MERGE")
    assert "MERGE (a)-[:`BASED_ON`]->(b)" in cypher.merge_relationships(Rel.BASED_ON, Label.HANDOFF, Label.LEGAL_BASIS)


def test_only_schema_statements_depend_on_the_server():
    neo4j = cypher.schema_statements(cypher.Dialect.NEO4J)
    falkordb = cypher.schema_statements(cypher.Dialect.FALKORDB)
    assert len(neo4j) == len(falkordb) == len(Label)
    assert all("REQUIRE n.id IS UNIQUE" in s and "IF NOT EXISTS" in s for s in neo4j)
    assert all(s.startswith("CREATE INDEX FOR") for s in falkordb)
