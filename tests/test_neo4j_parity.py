"""The shared store gives back exactly the chain that was pushed: push → read_model
equals the loaded model, on the toy chain, the built-in Haaglanden data and
generated chains (cycles, parallel hand-offs, injection-shaped ids). Queries
run in memory on the model read back, so equal models give equal answers."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.examples import toy_chain
from graph.model import (
    ChainModel,
    FailureMode,
    HandOff,
    Norm,
    NormUnit,
    Passes,
)
from graph.settings import default_data_dir
from graph.vocab import Category
from loaders.load import load_model
from queries.bottlenecks import bottlenecks

pytestmark = pytest.mark.bolt


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


# --- generated chains ------------------------------------------------------

_ID_TEXT = st.sampled_from(["", "'", '"', "{x}", "//", "\\", " MATCH (n) DETACH DELETE n", "é"])


@st.composite
def chains(draw) -> ChainModel:
    """Random hand-off topologies (cycles, parallel hand-offs, self-contained
    islands) on the toy chain's phases, sources and legal bases, with
    injection-shaped suffixes in ids and optional fields switched on and off."""
    base = toy_chain()
    n_orgs = draw(st.integers(2, 7))
    suffix = draw(_ID_TEXT)
    orgs = tuple(
        dataclasses.replace(base.organisations[i % 5], id=f"o{i}{suffix}", name=f"Org {i}{suffix}")
        for i in range(n_orgs)
    )
    org_ids = [o.id for o in orgs]
    phases = [p.id for p in base.phases]
    # o0 -> o1 always, so every example compares at least one non-empty route answer
    edges = [(0, 1), *draw(st.lists(st.tuples(st.integers(0, n_orgs - 1), st.integers(0, n_orgs - 1)), max_size=11))]
    handoffs = []
    for k, (a, b) in enumerate(edges):
        if a == b:
            continue
        optional = draw(st.fixed_dictionaries({
            "legal": st.booleans(), "norm": st.booleans(), "regie": st.booleans(),
            "feedback": st.sampled_from([None, True, False]), "accept": st.sampled_from([None, True, False]),
            "escalate": st.booleans(), "fail": st.booleans(),
            "passes": st.lists(st.sampled_from(list(Passes)), min_size=1, max_size=3, unique=True),
        }))
        handoffs.append(HandOff(
            id=f"h{k}{suffix}", from_org=org_ids[a], to_org=org_ids[b], trigger=f"trigger {k}{suffix}",
            passes=tuple(optional["passes"]), phase=phases[k % len(phases)], sources=("toy-source",),
            legal_bases=("wmo-4-1-1",) if optional["legal"] else (),
            norm=Norm(description="binnen 5 dagen", amount=5, unit=NormUnit.CALENDAR_DAYS, sources=("toy-source",))
            if optional["norm"] else None,
            regie_after=org_ids[b] if optional["regie"] else None,
            feedback_required=optional["feedback"], acceptance_required=optional["accept"],
            escalation_to=org_ids[0] if optional["escalate"] else None,
            failure_modes=(FailureMode(id=f"f{k}", description=f"faalt {k}", sources=("toy-source",),
                                        category=Category.REGIE),)
            if optional["fail"] else (),
        ))
    signals = (dataclasses.replace(base.signals[0], enters_at=org_ids[0]),)
    return ChainModel(region="gen", title="Gegenereerde keten", sources=base.sources, phases=base.phases,
                      organisations=orgs, legal_bases=base.legal_bases, instruments=(), handoffs=tuple(handoffs),
                      signals=signals)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model=chains())
def test_generated_chain_round_trip(neo4j_store, model):
    neo4j_store.clear()
    neo4j_store.push(model)
    assert neo4j_store.read_model() == model
