"""The shared store gives back exactly the chain that was pushed: push → read_model
equals the loaded model, on the toy chain, the built-in Haaglanden data, the
synthetic national chain and generated chains (property-based: random fields
and texts, cycles, parallel hand-offs, injection-shaped ids). Queries run in
memory on the model read back, so equal models give equal answers."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.examples import toy_chain
from graph.model import ChainModel, FailureMode, HandOff, Norm, NormUnit, Passes
from graph.settings import default_data_dir
from graph.vocab import Category
from loaders.load import load_model
from queries.bottlenecks import bottlenecks
from tests.strategies import chain_models

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate_national import national_model  # type: ignore[import-not-found]

_SERVER = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_toy_chain_round_trip(neo4j_store):
    model = toy_chain()
    neo4j_store.push(model)
    back = neo4j_store.read_model()
    assert back == model
    assert bottlenecks(back) == bottlenecks(model)


def test_haaglanden_round_trip(neo4j_store):
    model = load_model(default_data_dir())
    neo4j_store.push(model)
    assert neo4j_store.read_model() == model
    assert neo4j_store.push(model).changed is False


@pytest.mark.slow
def test_national_chain_round_trip_and_switch_back(neo4j_store):
    """The national chain (3 regions here; the benchmark pushes 25), then Haaglanden again:
    the second push deletes the other regions."""
    national = national_model(3)
    neo4j_store.push(national)
    assert neo4j_store.read_model() == national
    haaglanden = load_model(default_data_dir())
    result = neo4j_store.push(haaglanden)
    assert result.nodes_deleted > 0
    assert neo4j_store.read_model() == haaglanden


_ID_TEXT = st.sampled_from(
    ["", "'", '"', "{x}", "//", "\\", "`", "}) DETACH DELETE n", " MATCH (n) DETACH DELETE n", "é"]
)


@st.composite
def topologies(draw) -> ChainModel:
    """Random hand-off topologies (cycles, parallel hand-offs, islands) on the toy
    chain's phases, sources and legal bases, with injection-shaped suffixes in ids."""
    base = toy_chain()
    n_orgs = draw(st.integers(2, 7))
    suffix = draw(_ID_TEXT)
    orgs = tuple(
        dataclasses.replace(base.organisations[i % 5], id=f"o{i}{suffix}", name=f"Org {i}{suffix}")
        for i in range(n_orgs)
    )
    org_ids = [o.id for o in orgs]
    phases = [p.id for p in base.phases]
    pairs = st.tuples(st.integers(0, n_orgs - 1), st.integers(0, n_orgs - 1))
    edges = [(0, 1), *draw(st.lists(pairs, max_size=11))]
    handoffs = []
    for k, (a, b) in enumerate(edges):
        if a == b:
            continue
        optional = draw(st.fixed_dictionaries({
            "legal": st.booleans(), "norm": st.booleans(), "fail": st.booleans(),
            "passes": st.lists(st.sampled_from(list(Passes)), min_size=1, max_size=3, unique=True),
        }))
        handoffs.append(HandOff(
            id=f"h{k}{suffix}", from_org=org_ids[a], to_org=org_ids[b], trigger=f"trigger {k}{suffix}",
            passes=tuple(optional["passes"]), phase=phases[k % len(phases)], sources=("toy-source",),
            legal_bases=("wmo-4-1-1",) if optional["legal"] else (),
            norm=Norm(description="binnen 5 dagen", amount=5, unit=NormUnit.CALENDAR_DAYS, sources=("toy-source",))
            if optional["norm"] else None,
            failure_modes=(FailureMode(id=f"f{k}{suffix}", description=f"faalt {k}", sources=("toy-source",),
                                        category=Category.REGIE),)
            if optional["fail"] else (),
        ))
    signals = (dataclasses.replace(base.signals[0], enters_at=org_ids[0]),)
    return ChainModel(region=f"gen{suffix}", title="Gegenereerde keten", sources=base.sources, phases=base.phases,
                      organisations=orgs, legal_bases=base.legal_bases, instruments=(), handoffs=tuple(handoffs),
                      signals=signals)


@pytest.mark.slow
@_SERVER
@given(model=st.one_of(chain_models(), topologies()))
def test_generated_chains_round_trip(neo4j_store, model):
    """Random valid models (quotes, backslashes, newlines and accents in every text, dates,
    floats, nested parts) and random topologies with injection-shaped ids: what is read
    back equals what was pushed, answers the same, and a second push changes nothing."""
    neo4j_store.clear()
    neo4j_store.push(model)
    back = neo4j_store.read_model()
    assert back == model
    assert bottlenecks(back) == bottlenecks(model)
    assert neo4j_store.push(model).changed is False
