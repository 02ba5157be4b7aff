"""Every Cypher snippet in docs/neo4j.md runs on the session's real Neo4j, on the
Haaglanden chain as ``ketenkaart neo4j push`` leaves it, and the example
queries for Browser find something."""

from __future__ import annotations

import re
from pathlib import Path

import neo4j
import pytest

from graph.settings import default_data_dir
from loaders.load import load_model
from queries import cypher

DOC = Path(__file__).resolve().parent.parent / "docs" / "neo4j.md"
BLOCK = re.compile(r"^```cypher\n(.*?)^```", re.DOTALL | re.MULTILINE)


def statements() -> list[str]:
    """Every statement of every ``cypher`` block (split on ``;`` at the end of a line)."""
    found = []
    for block in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        for part in re.split(r";\s*$", block, flags=re.MULTILINE):
            code = "\n".join(line for line in part.splitlines() if not line.strip().startswith("//")).strip()
            if code:
                found.append(code)
    return found


STATEMENTS = statements()
SCHEMA = [s for s in STATEMENTS if s.startswith("CREATE CONSTRAINT")]
EXAMPLES = [s for s in STATEMENTS if not s.startswith("CREATE CONSTRAINT")]


def test_the_doc_has_the_schema_and_the_examples_the_issue_asks_for():
    assert len(EXAMPLES) >= 6
    text = " ".join(EXAMPLES)
    for needle in ("doorbraakteam", "BASED_ON", "HANDS_OFF", "HAS_FAILURE_MODE", "ChainStamp", "duration"):
        assert needle in text, needle


def test_the_schema_in_the_doc_is_the_one_a_push_creates():
    assert [" ".join(s.split()) for s in SCHEMA] == cypher.schema_statements()


@pytest.fixture
def haaglanden(neo4j_store):
    neo4j_store.push(load_model(default_data_dir()))
    return neo4j_store


@pytest.mark.parametrize("statement", SCHEMA, ids=lambda s: s.split("`")[1])
def test_schema_statements_run(haaglanden, statement):
    haaglanden.driver.execute_query(" ".join(statement.split()))  # idempotent: the push made them already


@pytest.mark.parametrize("statement", EXAMPLES, ids=lambda s: s.splitlines()[0][:50])
def test_example_queries_run_and_find_something(haaglanden, statement):
    records, summary, _ = haaglanden.driver.execute_query(statement, routing_=neo4j.RoutingControl.READ)
    assert records, statement
    assert summary.counters.contains_updates is False
