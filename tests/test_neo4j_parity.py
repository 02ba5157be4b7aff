"""Parity: routes, bottlenecks, explanations and what-if give EQUAL results on the
embedded networkx backend and on the Neo4j backend, here pushed to the local
FalkorDB Bolt test server (real Neo4j is exercised by the ``neo4j_only`` tests).

Checked on the toy chain, the built-in Haaglanden data and generated chains."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ChainError
from graph.examples import toy_chain
from graph.model import ChainModel, FailureMode, HandOff, Norm, NormUnit, Organisation, Passes
from graph.networkx import to_networkx
from loaders.load import load_model
from graph.settings import default_data_dir
from queries.backend import as_backend
from queries.bottlenecks import bottlenecks
from queries.explain import explain_handoff
from queries.routes import routes
from queries.whatif import what_if

pytestmark = pytest.mark.bolt


def _outcome(func, *args, **kwargs):
    """The answer, or the project error raised instead (which must match too)."""
    try:
        return ("answer", func(*args, **kwargs))
    except ChainError as exc:
        return ("error", type(exc).__name__, str(exc))


def _assert_same_answers(neo, model: ChainModel, pairs, removals) -> int:
    """Compare every query on both backends; return how many routes were found."""
    local = as_backend(to_networkx(model))
    assert neo.model == model
    assert bottlenecks(neo) == bottlenecks(local)
    for ho in model.handoffs:
        assert explain_handoff(neo, ho.id) == explain_handoff(local, ho.id), ho.id
    found = 0
    for start, end in pairs:
        answer = _outcome(routes, local, start, end, limit=None)
        assert _outcome(routes, neo, start, end, limit=None) == answer, (start, end)
        found += len(answer[1]) if answer[0] == "answer" else 0
    for remove in removals:
        assert _outcome(what_if, neo, remove) == _outcome(what_if, local, remove), remove
    return found


def test_toy_chain_parity(neo4j_backend):
    model = toy_chain()
    neo4j_backend.push(model)
    orgs = [o.id for o in model.organisations]
    pairs = [(a, b) for a, b in itertools.permutations(orgs, 2)] + [("signaal-incident", "kinderrechter")]
    assert _assert_same_answers(neo4j_backend, model, pairs, [["veilig-thuis"], ["ho-vt-raad"], ["bw1-255", "ots"]]) > 5


def test_haaglanden_parity(neo4j_backend):
    model = load_model(default_data_dir())
    neo4j_backend.push(model)
    pairs = [
        ("politie", "jeugdbescherming-west"),
        ("politie-bij-huiselijk-geweldincident", "kinderrechter"),
        ("meldcode-professionals", "raad-voor-de-kinderbescherming"),
        ("veilig-thuis-haaglanden", "openbaar-ministerie"),
        ("politie", "reclassering"),
    ]
    removals = [["veilig-thuis-haaglanden"], ["raad-voor-de-kinderbescherming"], ["bw1-255"]]
    assert _assert_same_answers(neo4j_backend, model, pairs, removals) >= len(pairs)
    # the key chain is there and found the same way
    assert neo4j_backend.route_candidates(["politie"], ["jeugdbescherming-west"], 4)


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
    edges = [(0, 1)] + draw(st.lists(st.tuples(st.integers(0, n_orgs - 1), st.integers(0, n_orgs - 1)), max_size=11))
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
            failure_modes=(FailureMode(id=f"f{k}", description=f"faalt {k}", sources=("toy-source",)),)
            if optional["fail"] else (),
        ))
    signals = (dataclasses.replace(base.signals[0], enters_at=org_ids[0]),)
    return ChainModel(region="gen", title="Gegenereerde keten", sources=base.sources, phases=base.phases,
                      organisations=orgs, legal_bases=base.legal_bases, instruments=(), handoffs=tuple(handoffs),
                      signals=signals)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model=chains())
def test_generated_chain_parity(neo4j_backend, model):
    neo4j_backend.clear()
    neo4j_backend.push(model)
    orgs = [o.id for o in model.organisations]
    pairs = list(itertools.permutations(orgs[:4], 2))
    removals = [[orgs[0]], [model.handoffs[0].id]]
    assert _assert_same_answers(neo4j_backend, model, pairs, removals) >= 1
    neo4j_backend._model = None
    local = as_backend(to_networkx(model))
    candidates = 0
    for a, b in pairs:
        for n in (1, 3, 6):
            expected = local.route_candidates([a], [b], n)
            assert neo4j_backend.route_candidates([a], [b], n) == expected
            candidates += len(expected)
    assert candidates >= 3  # o0 -> o1 at least, for each bound
