"""Queries on the shipped Haaglanden chain: the questions the Doorbraakteam asks."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pytest

from graph.errors import UnknownElement
from loaders.load import load_model
from queries.asof import as_of
from queries.bottlenecks import Rule, bottlenecks
from queries.explain import explain_handoff
from queries.routes import routes
from queries.whatif import what_if

KEY_ORGS = ["politie", "veilig-thuis-haaglanden", "raad-voor-de-kinderbescherming", "kinderrechter",
            "jeugdbescherming-west"]


@pytest.fixture(scope="module")
def G():
    return load_model()


@pytest.fixture(scope="module")
def model(G):
    return G


def _through_key_chain(route) -> bool:
    return list(route.organisations) == KEY_ORGS


def test_police_call_to_ots_at_the_gi_passes_vt_raad_kinderrechter_with_bw1_255(G):
    found = routes(G, "politie-bij-huiselijk-geweldincident", "ondertoezichtstelling@jeugdbescherming-west",
                   limit=None)
    assert all(r.organisations[0] == "politie" and r.organisations[-1] == "jeugdbescherming-west" for r in found)
    assert all(r.steps[-1].instrument == "ondertoezichtstelling" for r in found)
    # the Raad has two hand-offs to the kinderrechter (OTS request and the urgent provisional one):
    # take the route through the OTS request
    key = [r for r in found if _through_key_chain(r)
           and any(s.handoff == "rvdk-verzoek-ots-kinderrechter" for s in r.steps)]
    assert key, [r.organisations for r in found]
    steps = {s.from_org: s for s in key[0].steps}
    assert "bw1-255" in steps["raad-voor-de-kinderbescherming"].legal_bases
    assert "bw1-255" in steps["kinderrechter"].legal_bases
    # without the OM shortcut, the route through Veilig Thuis and the Raad is the best one
    best = routes(G, "politie-bij-huiselijk-geweldincident", "ondertoezichtstelling@jeugdbescherming-west",
                  exclude=["openbaar-ministerie"])[0]
    assert _through_key_chain(best)
    assert best.norm_days > 0 and best.steps_without_norm


def test_route_json_is_serialisable_and_names_every_organisation(G, model):
    r = routes(G, "politie", "jeugdbescherming-west")[0]
    data = json.loads(json.dumps(r.as_dict(model), ensure_ascii=False))
    assert data["steps"]
    for step in (s["handoff"] for s in data["steps"]):
        ho = model.get(step["id"])
        assert (step["from"]["id"], step["to"]["id"]) == (ho.from_org, ho.to_org)
        assert step["from"]["name"] == model.get(step["from"]["id"]).name
        assert step["to"]["name"] == model.get(step["to"]["id"]).name
        # every legal basis of the hand-off, in the data's order, with its name and wetten.overheid.nl link
        assert [(b["id"], b["name"], b["url"]) for b in step["legal_bases"]] == [
            (i, model.get(i).name, model.get(i).url) for i in ho.legal_bases]
    # the comparison above is not only on empty lists
    assert any(step["handoff"]["legal_bases"] for step in data["steps"])


def test_every_finding_cites_known_sources_and_known_elements(G, model):
    found = bottlenecks(G)
    assert found
    source_ids = {s.id for s in model.sources}
    for f in found:
        assert f.sources and set(f.sources) <= source_ids, f
        assert f.element in model.index
        assert f.reason_nl and f.reason_en
    # every failure mode recorded in the data is evidence about its hand-off, with its category
    from queries.evidence import CuratedEvidence

    curated = CuratedEvidence(G)
    for h in model.handoffs:
        notes = [e.note_nl for e in curated.evidence_for(h.id) if e.kind in ("inspection-finding", "reported-problem")]
        for mode in h.failure_modes:
            assert mode.description in notes, (h.id, mode.id)


def test_gap_rules_agree_with_the_data(G, model):
    no_basis = {f.element for f in bottlenecks(G, rules="no-legal-basis")}
    assert no_basis == {h.id for h in model.handoffs if not h.legal_bases}


def _ots_to_gi(model) -> str:
    (found,) = [h.id for h in model.handoffs if h.from_org == "kinderrechter"
                and h.to_org == "jeugdbescherming-west" and h.instrument == "ondertoezichtstelling"]
    return found


def test_explain_the_ots_handoff_to_the_gi(G, model):
    ex = explain_handoff(G, _ots_to_gi(model))
    assert ex.from_org == "kinderrechter" and ex.to_org == "jeugdbescherming-west"
    assert "bw1-255" in [i for i, _, _ in ex.legal_bases]
    assert ex.routes_through >= 1
    assert any("BWBR0002656" in (url or "") for _, _, url in ex.legal_bases)


def test_what_if_without_bw1_255_leaves_those_handoffs_without_basis(G, model):
    result = what_if(G, ["bw1-255"])
    only_255 = {h.id for h in model.handoffs if h.legal_bases == ("bw1-255",)}
    new = {f.element for f in result.new_findings if f.rule is Rule.NO_LEGAL_BASIS}
    assert only_255 and new == only_255


def test_what_if_without_veilig_thuis_breaks_routes(G, model):
    result = what_if(G, ["veilig-thuis-haaglanden"])
    assert result.broken
    assert all(c.end != "veilig-thuis-haaglanden" for c in result.broken)
    # Independently: from each signal's entry organisation, the organisations reachable over hand-offs
    # before, and no longer reachable once Veilig Thuis is gone.
    entries = {s.enters_at for s in model.signals}
    before: nx.MultiDiGraph[str] = nx.MultiDiGraph([(h.from_org, h.to_org) for h in model.handoffs])
    after = before.copy()
    after.remove_node("veilig-thuis-haaglanden")
    expected = {(a, b) for a in entries & set(after) for b in after
                if a != b and nx.has_path(before, a, b) and not nx.has_path(after, a, b)}
    assert {(c.start, c.end) for c in result.broken} == expected


def test_unknown_ids_suggest_the_haaglanden_ids(G):
    with pytest.raises(UnknownElement) as err:
        routes(G, "veilig-thuis", "kinderrechter")
    assert "veilig-thuis-haaglanden" in err.value.suggestions


def test_as_of_today_keeps_the_key_chain(G, model):
    now = as_of(G, dt.date(2026, 1, 1))
    assert _ots_to_gi(model) in now.index
    assert routes(now, "politie", "ondertoezichtstelling@jeugdbescherming-west")
