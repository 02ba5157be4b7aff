"""``to_cypher_rows`` is lossless and has the networkx shape, checked without a
server on random valid models (the server round trip is in test_neo4j_roundtrip.py)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings

from graph.cypher_rows import (
    CHAIN_LABELS,
    NESTED,
    NESTED_LABELS,
    data_version,
    encode_properties,
    model_from_properties,
    to_cypher_rows,
)
from graph.examples import toy_chain
from graph.networkx import to_networkx
from graph.vocab import LABEL_OF_KIND, Rel
from tests.strategies import chain_models

NESTED_RELS = {rel for _, rel in NESTED.values()}


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(model=chain_models())
def test_rows_round_trip(model):
    rows = to_cypher_rows(model)
    assert model_from_properties(rows.region, rows.title, rows.properties_by_label()) == model


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(model=chain_models())
def test_rows_have_the_networkx_shape_plus_nested_parts(model):
    G = to_networkx(model)
    rows = to_cypher_rows(model)
    elements = [group for group in rows.nodes if group.label not in NESTED_LABELS]
    assert sum(len(group.rows) for group in elements) == G.number_of_nodes()
    nested_keys = {row["key"] for group in rows.nodes if group.label in NESTED_LABELS for row in group.rows}
    between_elements = {
        (r["from"], r["to"], g.rel.value) for g in rows.relationships for r in g.rows
        if g.rel not in NESTED_RELS and r["from"] not in nested_keys
    }
    edges: list[tuple[str, str, Rel]] = list(G.edges(data="rel"))
    assert between_elements == {(u, v, rel.value) for u, v, rel in edges}
    for group in rows.relationships:
        for row in group.rows:
            if group.rel in NESTED_RELS:
                assert row["to"].startswith(row["from"] + "#")
            elif row["from"] not in nested_keys:
                assert LABEL_OF_KIND[model.kind_of(row["from"])] is group.from_label
                assert LABEL_OF_KIND[model.kind_of(row["to"])] is group.to_label
    # every nested part: one node, one HAS_* from its owner, SOURCED_FROM for each of its sources
    parts = sum(1 for h in model.handoffs if h.norm) + sum(len(h.failure_modes) for h in model.handoffs)
    parts += sum(len(i.durations) for i in model.instruments)
    assert len(nested_keys) == parts
    assert sum(len(g.rows) for g in rows.relationships if g.rel in NESTED_RELS) == parts


def test_rows_are_grouped_in_write_order():
    rows = to_cypher_rows(toy_chain())
    assert tuple(group.label for group in rows.nodes) == CHAIN_LABELS
    assert all(group.rows == tuple(sorted(group.rows, key=lambda r: r["key"])) for group in rows.nodes)


def test_data_version_follows_the_content():
    model = toy_chain()
    version = data_version(to_cypher_rows(model))
    assert data_version(to_cypher_rows(dataclasses.replace(model, handoffs=tuple(reversed(model.handoffs))))) == version
    assert data_version(to_cypher_rows(dataclasses.replace(model, title="x"))) != version
    first, *rest = model.handoffs
    renamed = (dataclasses.replace(first, trigger=first.trigger + "."), *rest)
    assert data_version(to_cypher_rows(dataclasses.replace(model, handoffs=renamed))) != version


@dataclasses.dataclass(frozen=True)
class Extra:
    text: str


@dataclasses.dataclass(frozen=True)
class Element:
    id: str
    extra: Extra | None = None


def test_a_nested_class_without_a_label_is_refused():
    with pytest.raises(TypeError, match="no Neo4j label for the nested Extra"):
        encode_properties(Element("x", Extra("y")))


def test_rows_use_only_vocabulary_relationships():
    rows = to_cypher_rows(toy_chain())
    assert {g.rel for g in rows.relationships} <= set(Rel)
