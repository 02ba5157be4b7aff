"""``to_cypher_rows`` is lossless: random valid models come back equal, first
from the rows alone, then through the Bolt test server."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import chain_models

from graph.cypher_rows import model_from_properties, to_cypher_rows
from graph.networkx import to_networkx
from graph.vocab import LABEL_OF_KIND


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(model=chain_models())
def test_rows_round_trip(model):
    rows = to_cypher_rows(model)
    assert model_from_properties(rows.region, rows.title, rows.properties_by_label()) == model


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(model=chain_models())
def test_rows_have_the_networkx_shape(model):
    G = to_networkx(model)
    rows = to_cypher_rows(model)
    assert rows.node_count == G.number_of_nodes()
    edges = {(u, v, rel.value) for u, v, rel in G.edges(data="rel")}
    assert {(r["from"], r["to"], g.rel.value) for g in rows.relationships for r in g.rows} == edges
    for group in rows.relationships:
        for row in group.rows:
            assert LABEL_OF_KIND[model.kind_of(row["from"])] is group.from_label
            assert LABEL_OF_KIND[model.kind_of(row["to"])] is group.to_label


@pytest.mark.bolt
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model=chain_models())
def test_server_round_trip(neo4j_store, model):
    """Random texts (quotes, backslashes, newlines, accents) go through the server unchanged."""
    neo4j_store.clear()
    neo4j_store.push(model)
    assert neo4j_store.read_model() == model
    assert neo4j_store.push(model).changed is False
