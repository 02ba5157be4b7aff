"""The Cypher text itself, checked without a database: parameters only, the
closed vocabulary, batched writes, and no Cypher anywhere else in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.cypher_rows import CHAIN_LABELS, KEY_PROPERTY, to_cypher_rows
from graph.examples import toy_chain
from graph.vocab import Label, Rel
from queries import cypher

REPO = Path(__file__).resolve().parent.parent


def all_statements() -> list[str]:
    statements = [cypher.RELATIONSHIPS, cypher.COUNT_NODES, cypher.DELETE_ALL,
                  cypher.LOCK_STAMP, cypher.WRITE_STAMP, cypher.READ_STAMP, cypher.CONSTRAINT_NAMES]
    statements += list(cypher.NODE_PROPERTIES.values())
    statements += cypher.schema_statements()
    for label in CHAIN_LABELS:
        statements += [cypher.merge_nodes(label), cypher.merge_node(label), cypher.delete_nodes(label)]
    for group in to_cypher_rows(toy_chain()).relationships:
        args = (group.rel, group.from_label, group.to_label)
        statements += [cypher.merge_relationships(*args), cypher.merge_relationship(*args),
                       cypher.delete_relationships(*args)]
    return statements


STATEMENTS = all_statements()


@pytest.mark.parametrize("statement", STATEMENTS)
def test_no_literal_values_in_statements(statement):
    assert "'" not in statement and '"' not in statement, statement
    assert not re.findall(r"\b\d+\b", statement), statement


@pytest.mark.parametrize("statement", STATEMENTS)
def test_names_come_from_the_closed_vocabulary(statement):
    names = set(re.findall(r"`([^`]*)`", statement))
    allowed = {label.value for label in Label} | {rel.value for rel in Rel}
    allowed |= {f"ketenkaart_{label.value}_{KEY_PROPERTY[label]}" for label in KEY_PROPERTY}  # constraint names
    assert names <= allowed, names - allowed
    # every label or type in a pattern is backtick-quoted
    assert not re.search(r"[(\[][a-z]*:[A-Za-z]", statement), statement
    # pattern properties are the labels' keys only
    assert set(re.findall(r"\{(\w+):", statement)) <= set(KEY_PROPERTY.values()), statement


def test_quote_refuses_plain_strings_even_valid_names():
    with pytest.raises(TypeError):
        cypher.quote("Organisation")  # type: ignore[arg-type]
    assert cypher.quote(Label.LEGAL_BASIS) == "`LegalBasis`"


def test_batched_writes_unwind_a_rows_parameter():
    for label in CHAIN_LABELS:
        assert cypher.merge_nodes(label).startswith("UNWIND $rows AS row MERGE")
    assert "MERGE (a)-[:`BASED_ON`]->(b)" in cypher.merge_relationships(Rel.BASED_ON, Label.HANDOFF, Label.LEGAL_BASIS)
    assert "{key: row.to}" in cypher.merge_relationships(Rel.HAS_FAILURE_MODE, Label.HANDOFF, Label.FAILURE_MODE)


def test_every_label_gets_a_uniqueness_constraint():
    statements = cypher.schema_statements()
    assert len(statements) == len(CHAIN_LABELS) + 1
    assert all("IF NOT EXISTS" in s and "IS UNIQUE" in s for s in statements)


def test_the_push_locks_the_stamp_before_anything_else():
    assert cypher.LOCK_STAMP.startswith("MERGE (s:`ChainStamp` {id: $id}) SET")


CYPHER_WORDS = re.compile(r"\b(MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\$|\bDETACH DELETE\s+\w|\bCREATE CONSTRAINT\b")


def test_no_cypher_outside_queries_cypher():
    """Production code builds no query text of its own (practice 9)."""
    offenders = []
    for folder in ("graph", "loaders", "queries", "cli", "ui"):
        for path in (REPO / folder).rglob("*.py"):
            if path == REPO / "queries" / "cypher.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if CYPHER_WORDS.search(line):
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
