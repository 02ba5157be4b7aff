"""Queries on small hand-built chains where the right answer is obvious."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

import networkx as nx
import pytest

from graph.errors import ChainError, NoRoute, UnknownElement
from graph.examples import toy_chain
from graph.model import (
    ChainModel,
    Domain,
    FailureMode,
    HandOff,
    Instrument,
    LegalBasis,
    Norm,
    NormUnit,
    Organisation,
    OrganisationKind,
    Passes,
    Phase,
    Signal,
    Source,
    SourceKind,
    Status,
)
from graph.settings import Settings
from graph.vocab import Category
from loaders.load import load_chain
from queries.asof import as_of
from queries.bottlenecks import (
    Rule,
    Severity,
    bottlenecks,
)
from queries.evidence import CuratedEvidence, Evidence
from queries.explain import explain_handoff
from queries.routes import WEAKNESS_WEIGHTS, routes, submap
from queries.structure import brandes, structure
from queries.whatif import what_if, without

SRC = ("s",)
LAW = LegalBasis(id="law", law_name="Wet", bwb_id="BWBR0000001", article="1", sources=SRC)
NORM = Norm(description="binnen 2 dagen", amount=2, unit=NormUnit.CALENDAR_DAYS, sources=SRC)
PHASES = (
    Phase(id="p1", name="Fase een", order=1, sources=SRC),
    Phase(id="p2", name="Fase twee", order=2, sources=SRC),
    Phase(id="p3", name="Fase drie", order=3, sources=SRC),
)


def org(id: str) -> Organisation:
    return Organisation(id=id, name=id.upper(), kind=OrganisationKind.ORGANISATION, domain=Domain.ZORG,
                        region="test", sources=SRC)


def good(id: str, a: str, b: str, phase: str = "p1", **kw) -> HandOff:
    """A hand-off with nothing missing (no gap rule fires on it)."""
    values: dict[str, Any] = {
        "id": id, "from_org": a, "to_org": b, "trigger": f"t-{id}", "passes": (Passes.CASE,), "phase": phase,
                  "sources": SRC, "legal_bases": ("law",), "norm": NORM, "regie_after": b, "feedback_required": True,
                  "acceptance_required": True, "escalation_to": a}
    values.update(kw)
    return HandOff(**values)


def chain(*handoffs: HandOff, signals=(), instruments=(), extra_orgs=()) -> ChainModel:
    ids = sorted({h.from_org for h in handoffs} | {h.to_org for h in handoffs} | set(extra_orgs))
    return ChainModel(region="test", sources=(Source(id="s", kind=SourceKind.SEED, title="S", file="s"),),
                      phases=PHASES, organisations=tuple(org(i) for i in ids), legal_bases=(LAW,),
                      instruments=tuple(instruments), handoffs=handoffs, signals=tuple(signals))


def rules_on(model: ChainModel, rule: Rule) -> list[str]:
    return sorted(f.element for f in bottlenecks(model, rules=rule.value))


# --- the derived view -------------------------------------------------------------------------


def test_the_view_is_built_once_per_model_and_memoises_derived_results():
    model = toy_chain()
    assert model.view is model.view and model.view.model is model
    calls = []

    def compute(value: int) -> int:
        calls.append(1)
        return value

    assert model.view.memo("x", lambda: compute(42)) == 42
    assert model.view.memo("x", lambda: compute(43)) == 42
    assert calls == [1]
    # an equal model loaded again has its own view: nothing is shared between models
    assert toy_chain().view is not model.view


def test_route_candidates_are_simple_bounded_sorted_and_continue_past_ends():
    # a -> b -> c -> d, plus a shortcut a -> c, plus a cycle back c -> a
    model = chain(good("ab", "a", "b"), good("bc", "b", "c"), good("cd", "c", "d"), good("ac", "a", "c"),
                  good("ca", "c", "a"))
    b = model.view
    assert b.route_candidates(["a"], ["c", "d"], 3) == [
        ("ac",), ("ab", "bc"), ("ac", "cd"), ("ab", "bc", "cd"),
    ]
    assert b.route_candidates(["a"], ["d"], 2) == [("ac", "cd")]
    assert b.route_candidates(["a"], ["d"], 0) == []
    assert b.route_candidates(["a"], ["d"], 5, excluded_ids=["c"]) == []
    assert b.route_candidates(["a"], ["d"], 5, excluded_ids=["ac"]) == [("ab", "bc", "cd")]
    # never back to a visited organisation
    assert all("ca" not in c for c in b.route_candidates(["a"], ["a", "b", "c", "d"], 6))


def test_parallel_handoffs_give_distinct_candidates():
    model = chain(good("x1", "a", "b"), good("x2", "a", "b"))
    assert model.view.route_candidates(["a"], ["b"], 1) == [("x1",), ("x2",)]


def test_organisation_edges_sorted_triples():
    assert chain(good("z", "b", "a"), good("y", "a", "b")).view.organisation_edges == (
        ("a", "b", "y"), ("b", "a", "z"))


def test_load_chain_rejects_unknown_sources():
    with pytest.raises(ChainError, match="unknown source 'sqlite'"):
        load_chain("sqlite", Settings())


# --- routes --------------------------------------------------------------------------


def test_routes_rank_fewest_handoffs_then_weakness():
    model = chain(good("ab", "a", "b"), good("bd", "b", "d"), good("ac", "a", "c", legal_bases=()),
                  good("cd", "c", "d"), good("ad", "a", "e"), good("ed", "e", "f"), good("fd", "f", "d"))
    found = routes(model, "a", "d")
    assert [r.handoffs for r in found] == [("ab", "bd"), ("ac", "cd"), ("ad", "ed", "fd")]
    assert found[1].weakest_step == "ac"
    assert found[1].weakness_score == WEAKNESS_WEIGHTS["no-legal-basis"]


def test_route_norm_total_adds_units_and_names_steps_without_norm():
    hours = Norm(description="binnen 24 uur", amount=24, unit=NormUnit.HOURS, sources=SRC)
    weeks = Norm(description="binnen 2 weken", amount=2, unit=NormUnit.WEEKS, sources=SRC)
    words = Norm(description="direct", sources=SRC)
    model = chain(good("ab", "a", "b", norm=hours), good("bc", "b", "c", norm=weeks),
                  good("cd", "c", "d", norm=words), good("de", "d", "e", norm=None))
    r = routes(model, "a", "e")[0]
    assert r.norm_days == 15.0
    assert r.steps_without_norm == ("cd", "de")
    assert r.weakest_step == "de"
    assert "zonder normtijd: stappen 3 en 4" in r.reason_nl
    assert "without norm time: steps 3 and 4" in r.reason_en
    assert f"zwakste stap: 4. {r.steps[3].name}" in r.reason_nl


def test_routes_are_bounded_and_no_route_raises():
    model = chain(good("ab", "a", "b"), good("bc", "b", "c"), good("cd", "c", "d"))
    assert routes(model, "a", "d", max_handoffs=3)
    with pytest.raises(NoRoute):
        routes(model, "a", "d", max_handoffs=2)
    with pytest.raises(NoRoute):
        routes(model, "d", "a")


def test_route_endpoints_signal_instrument_and_handoff():
    ins = Instrument(id="maatregel", name="Maatregel", applied_by=("c",), sources=SRC)
    model = chain(good("ab", "a", "b"), good("bc", "b", "c", instrument="maatregel"), good("bx", "b", "x"),
                  good("xc", "x", "c"), good("cd", "c", "d"),
                  signals=(Signal(id="sig", name="Signaal", enters_at="a", phase="p1", sources=SRC),),
                  instruments=(ins,))
    # to an instrument: the last step carries it
    assert [r.handoffs for r in routes(model, "sig", "maatregel")] == [("ab", "bc")]
    # to a hand-off: the last step is it
    assert [r.handoffs for r in routes(model, "a", "xc")] == [("ab", "bx", "xc")]
    # from a hand-off: the first step is it
    assert [r.handoffs for r in routes(model, "bx", "d")] == [("bx", "xc", "cd")]
    # an instrument no hand-off carries: end where it is applied
    bare = dataclasses.replace(model, handoffs=tuple(dataclasses.replace(h, instrument=None) for h in model.handoffs))
    assert [r.handoffs for r in routes(bare, "a", "maatregel")] == [("ab", "bc"), ("ab", "bx", "xc")]
    with pytest.raises(ChainError, match="cannot end at signal"):
        routes(model, "a", "sig")


def test_route_exclude_and_unknown_ids_suggest_nearest():
    model = chain(good("ab", "a", "b"), good("bc", "b", "c"), good("ac", "a", "c"))
    assert [r.handoffs for r in routes(model, "a", "c", exclude=["ac"])] == [("ab", "bc")]
    with pytest.raises(UnknownElement) as err:
        routes(toy_chain(), "politi", "raad")
    assert "politie" in err.value.suggestions
    assert "did you mean" in str(err.value)


def test_submap_is_the_union_of_routes():
    sm = submap(toy_chain(), "politie", "kinderrechter")
    assert sm.handoffs == ("ho-politie-vt", "ho-raad-kinderrechter", "ho-vt-raad", "ho-vt-raad-oud")
    assert "lokaal-team" not in sm.organisations


def test_route_json_shape():
    model = toy_chain()
    data = routes(model, "politie", "raad")[0].as_dict(model)
    step = data["steps"][0]["handoff"]
    assert step["from"] == {"id": "politie", "name": "Politie"}
    assert step["to"] == {"id": "veilig-thuis", "name": "Veilig Thuis"}
    assert step["id"] == "ho-politie-vt"
    assert [lb["id"] for lb in step["legal_bases"]] == ["wmo-4-1-1"]
    assert step["norm"]["calendar_days"] == 7.0
    second = data["steps"][1]["handoff"]
    assert second["id"] == "ho-vt-raad"
    norm = second["norm"]
    assert (norm["amount"], norm["unit"], norm["calendar_days"]) == (10, "calendar-days", 10.0)
    assert len(data["steps"]) == 2


# --- structure -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_brandes_matches_networkx(seed):
    G = nx.gnm_random_graph(40, 120, seed=seed, directed=True)
    nodes = [str(n) for n in G]
    succ = {str(u): sorted(str(v) for v in G.successors(u)) for u in G}
    node_bc, edge_bc = brandes(nodes, succ)
    for n, value in nx.betweenness_centrality(G, normalized=False).items():
        assert node_bc[str(n)] == pytest.approx(value)
    for (u, v), value in nx.edge_betweenness_centrality(G, normalized=False).items():
        assert edge_bc[(str(u), str(v))] == pytest.approx(value)


def test_bridges_and_articulation_points_match_networkx_on_random_chains():
    # A hand-off is a bridge when its organisation pair is a bridge of the undirected simple
    # graph and no other hand-off (either direction) links the same pair.
    rng = random.Random(7)
    seen_points = seen_bridges = 0
    for _ in range(5):
        pairs = {(rng.randrange(12), rng.randrange(12)) for _ in range(16)}
        hos = [good(f"h{a}-{b}", f"o{a}", f"o{b}") for a, b in sorted(pairs) if a != b]
        s = structure(chain(*hos))
        U = nx.Graph([(h.from_org, h.to_org) for h in hos])
        assert set(s.articulation_points) == set(nx.articulation_points(U))
        simple_bridges = {frozenset(e) for e in nx.bridges(U)}
        links = [frozenset((h.from_org, h.to_org)) for h in hos]
        expected = {h.id for h, link in zip(hos, links, strict=False)
                    if link in simple_bridges and links.count(link) == 1}
        assert set(s.bridges) == expected
        seen_points += len(s.articulation_points)
        seen_bridges += len(expected)
    assert seen_points and seen_bridges  # the random chains do have some of each


# --- bottleneck rules ----------------------------------------------------------------


def test_articulation_point_on_a_line_not_in_a_triangle():
    line = chain(good("ab", "a", "b"), good("bc", "b", "c"))
    assert rules_on(line, Rule.ARTICULATION_POINT) == ["b"]
    triangle = chain(good("ab", "a", "b"), good("bc", "b", "c"), good("ca", "c", "a"))
    assert rules_on(triangle, Rule.ARTICULATION_POINT) == []


def test_bridge_is_a_single_link_and_parallel_links_are_not():
    line = chain(good("ab", "a", "b"), good("bc", "b", "c"))
    assert rules_on(line, Rule.BRIDGE) == ["ab", "bc"]
    doubled = chain(good("ab", "a", "b"), good("ab2", "a", "b"), good("bc", "b", "c"))
    assert rules_on(doubled, Rule.BRIDGE) == ["bc"]
    back = chain(good("ab", "a", "b"), good("ba", "b", "a"), good("bc", "b", "c"))
    assert rules_on(back, Rule.BRIDGE) == ["bc"]
    finding = bottlenecks(line, rules="bridge")[0]
    assert finding.impact == pytest.approx(2 / 3, abs=1e-4)  # a|bc splits 2 of the 3 pairs


def test_high_betweenness_marks_the_middle_of_a_line():
    line = chain(good("ab", "a", "b"), good("bc", "b", "c"), good("cd", "c", "d"))
    found = {f.element: f for f in bottlenecks(line, rules="high-betweenness")}
    assert sorted(found) == ["b", "c"]
    assert found["b"].impact == pytest.approx(2 / 6, abs=1e-4)  # a->c, a->d of 6 ordered pairs
    assert found["b"].level is Severity.LAAG  # structure alone is never more than aandacht


@pytest.mark.parametrize("rule, broken", [
    (Rule.NO_LEGAL_BASIS, {"legal_bases": ()}),
    (Rule.NO_NORM, {"norm": None}),
    (Rule.NO_REGIE, {"regie_after": None}),
    (Rule.NO_FEEDBACK, {"feedback_required": False}),
    (Rule.NO_ESCALATION, {"escalation_to": None}),
    (Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE, {"passes": (Passes.RESPONSIBILITY,), "acceptance_required": None}),
])
def test_each_handoff_rule_finds_exactly_the_broken_handoff(rule, broken):
    model = chain(good("fine", "a", "b"), good("bad", "b", "c", **broken))
    found = bottlenecks(model, rules=rule.value)
    assert [f.element for f in found] == ["bad"]
    assert found[0].sources == SRC
    assert found[0].reason_nl and found[0].reason_en and found[0].reason_nl != found[0].reason_en


def test_no_regie_ignores_information_only_handoffs():
    model = chain(good("info", "a", "b", passes=(Passes.INFORMATION,), regie_after=None))
    assert rules_on(model, Rule.NO_REGIE) == []


def test_failure_modes_are_evidence_one_item_each_with_their_sources():
    # failure modes are no rule findings any more: they are evidence (an inspection finding when a report says so)
    modes = (FailureMode(id="f1", description="Wachtlijst", sources=("rapport",), category=Category.WAITING,
                         period="2023"),
             FailureMode(id="f2", description="Geen capaciteit", sources=("krant",), category=Category.WAITING,
                         status=Status.UNVERIFIED))
    model = dataclasses.replace(chain(good("ab", "a", "b", failure_modes=modes)), sources=(
        Source(id="rapport", kind=SourceKind.REPORT, title="Rapport"), Source(id="krant", kind=SourceKind.NEWS,
                                                                              title="Krant")))
    assert "failure-mode" not in {r.value for r in Rule}
    items = CuratedEvidence(model).evidence_for("ab")
    assert [(e.kind, e.confirms, e.sources) for e in items] == [
        ("inspection-finding", True, ("rapport",)), ("reported-problem", False, ("krant",))]
    assert "Wachtlijst" in (items[0].note_nl or "") and items[0].categories == (Category.WAITING,)


def test_dead_end_when_nothing_leads_on_in_that_phase_or_later():
    # b receives a case in p2 but only hands on in p1: dead end; c receives an outcome (instrument): not.
    ins = Instrument(id="m", name="M", sources=SRC)
    model = chain(good("ab", "a", "b", phase="p2"), good("ba", "b", "x", phase="p1"),
                  good("ac", "a", "c", phase="p3", instrument="m"), instruments=(ins,))
    found = bottlenecks(model, rules="dead-end")
    assert [(f.element, f.elements) for f in found] == [("b", ("b", "ab")), ("x", ("x", "ba"))]
    onward = chain(good("ab", "a", "b", phase="p2"), good("bc", "b", "c", phase="p3"))
    assert [f.element for f in bottlenecks(onward, rules="dead-end")] == ["c"]


def test_ping_pong_needs_a_case_both_ways():
    model = chain(good("ab", "a", "b"), good("ba", "b", "a"), good("bc", "b", "c"),
                  good("cb", "c", "b", passes=(Passes.INFORMATION,)))
    found = bottlenecks(model, rules="ping-pong")
    assert [(f.element, f.elements) for f in found] == [("ab", ("ab", "ba"))]


def test_a_complete_handoff_has_no_semantic_gaps():
    model = chain(good("ab", "a", "b"), good("ba", "b", "a", passes=(Passes.INFORMATION,)))
    semantic = [r for r in Rule if r not in (Rule.ARTICULATION_POINT, Rule.BRIDGE, Rule.HIGH_BETWEENNESS,
                                             Rule.DEAD_END)]
    assert bottlenecks(model, rules=[r.value for r in semantic]) == []


def test_findings_are_listed_by_level_then_impact():
    found = bottlenecks(toy_chain())
    order = [(list(Severity).index(f.level), -f.impact) for f in found]
    assert order == sorted(order)
    # a gap on a central hand-off outranks the same gap on a peripheral one
    # line x-a-b-c-d-e: x->a carries 5 of the routes, b->c carries 9
    model = chain(good("xa", "x", "a", norm=None), good("ab", "a", "b"), good("bc", "b", "c", norm=None),
                  good("cd", "c", "d"), good("de", "d", "e"))
    elements = [f.element for f in bottlenecks(model, rules="no-norm")]
    assert elements == ["bc", "xa"]


def test_filters_and_errors():
    assert {f.level for f in bottlenecks(toy_chain(), level="aandacht")} == {Severity.AANDACHT}
    assert {f.level for f in bottlenecks(toy_chain(), level="laag")} == {Severity.AANDACHT, Severity.LAAG}
    assert {f.rule for f in bottlenecks(toy_chain(), rules=["ping-pong", "bridge"])} == {Rule.PING_PONG, Rule.BRIDGE}
    with pytest.raises(ChainError, match="unknown rule"):
        bottlenecks(toy_chain(), rules="nope")
    with pytest.raises(ChainError, match="unknown level"):
        bottlenecks(toy_chain(), level="urgent")


def test_results_are_identical_across_calls_and_models_built_in_other_orders():
    model = toy_chain()
    shuffled = dataclasses.replace(model, handoffs=tuple(reversed(model.handoffs)))
    assert bottlenecks(model) == bottlenecks(shuffled)
    assert routes(model, "politie", "kinderrechter") == routes(shuffled, "politie", "kinderrechter")


# --- explain ------------------------------------------------------------------------


class TimingProvider:
    def evidence_for(self, handoff_id):
        if handoff_id != "bc":
            return ()
        return (Evidence(kind="case-log", title_nl="Doorlooptijd", title_en="Lead time",
                         figures=(("mediaan", "median", "9 dagen"),), sources=("caselog",)),)


def test_explain_combines_model_structure_findings_and_evidence():
    model = chain(good("ab", "a", "b"), good("bc", "b", "c", legal_bases=(), norm=None),
                  signals=(Signal(id="sig", name="S", enters_at="a", phase="p1", sources=SRC),))
    ex = explain_handoff(model, "bc", evidence=[TimingProvider()])
    assert ex.is_bridge and ex.bridge_cut == ("c",)
    assert (ex.routes_through, ex.routes_total) == (1, 2)
    assert {f.rule for f in ex.findings} >= {Rule.NO_LEGAL_BASIS, Rule.NO_NORM, Rule.BRIDGE}
    assert ex.evidence[0].figures == (("mediaan", "median", "9 dagen"),)
    assert "caselog" in ex.sources
    assert "geen bewijs uit de praktijk" in ex.reason_nl  # practice first, and it says there is none
    assert "enige verbinding" in ex.reason_nl and "geen grondslag bekend" in ex.reason_nl
    data = ex.as_dict(model)
    assert data["structure"]["is_bridge"] is True and data["evidence"][0]["kind"] == "case-log"
    assert data["handoff"]["id"] == "bc" and data["handoff"]["legal_bases"] == []
    assert explain_handoff(model, "ab", evidence=[TimingProvider()]).evidence == ()


def test_explain_unknown_handoff_suggests_handoffs_only():
    with pytest.raises(UnknownElement) as err:
        explain_handoff(toy_chain(), "politie")
    assert all(s.startswith("ho-") for s in err.value.suggestions)
    assert "hand-off" in str(err.value)


# --- what-if and as-of ----------------------------------------------------------------


def test_what_if_longer_routes_and_broken_routes():
    model = chain(good("ab", "a", "b"), good("bc", "b", "c"), good("ac", "a", "c"), good("cd", "c", "d"),
                  signals=(Signal(id="sig", name="S", enters_at="a", phase="p1", sources=SRC),))
    result = what_if(model, ["ac"])
    assert [(c.end, c.before, c.after) for c in result.longer] == [("c", 1, 2), ("d", 2, 3)]
    assert result.broken == ()
    result = what_if(model, ["c"])
    assert [(c.start, c.end) for c in result.broken] == [("a", "d")]
    assert result.cascaded == ("ac", "bc", "cd")


def test_what_if_removing_a_legal_basis_creates_gaps():
    model = chain(good("ab", "a", "b"), good("bc", "b", "c"))
    result = what_if(model, ["law"])
    assert sorted(f.element for f in result.new_findings if f.rule is Rule.NO_LEGAL_BASIS) == ["ab", "bc"]
    assert all(not h.legal_bases for h in result.model.handoffs)


def test_what_if_removing_the_escalation_target_keeps_handoff_but_drops_reference():
    reduced = without(toy_chain(), ["kinderrechter"])
    assert reduced.handoff("ho-vt-raad").escalation_to is None
    assert "ho-raad-kinderrechter" not in reduced.index
    with pytest.raises(UnknownElement):
        what_if(toy_chain(), ["nobody"])


def test_as_of_uses_half_open_validity():
    model = toy_chain()
    assert "ho-vt-raad-oud" in (as_of(model, dt.date(2014, 12, 31))).index
    assert "ho-vt-raad-oud" not in (as_of(model, dt.date(2015, 1, 1))).index
    later = dataclasses.replace(model, handoffs=tuple(
        dataclasses.replace(h, valid_from=dt.date(2020, 1, 1)) if h.id == "ho-politie-vt" else h
        for h in model.handoffs))
    assert "ho-politie-vt" not in (as_of(later, "2019-06-01")).index
    with pytest.raises(ChainError, match="ISO date"):
        as_of(model, "1 januari")


def test_instrument_at_organisation_narrows_the_end():
    ins = Instrument(id="ots", name="OTS", applied_by=("rechter",), sources=SRC)
    model = chain(good("vraag", "raad", "rechter", instrument="ots"),
                  good("uitspraak", "rechter", "gi", instrument="ots"),
                  good("start", "a", "raad"), instruments=(ins,))
    assert [r.handoffs for r in routes(model, "a", "ots")] == [("start", "vraag"), ("start", "vraag", "uitspraak")]
    assert [r.handoffs for r in routes(model, "a", "ots@gi")] == [("start", "vraag", "uitspraak")]
    assert [r.handoffs for r in routes(model, "ots@rechter", "gi")] == [("uitspraak",)]
    with pytest.raises(ChainError, match="does not carry out"):
        routes(model, "a", "ots@a")
    with pytest.raises(UnknownElement):
        routes(model, "a", "ots@nergens")


def _naive_candidates(model, starts, ends, max_handoffs, excluded=()):
    """Every simple walk, enumerated without any pruning (reference for the backend)."""
    found = set()

    def walk(org, visited, path):
        for ho in sorted(model.handoffs, key=lambda h: h.id):
            if ho.from_org != org or ho.id in excluded or ho.to_org in excluded or ho.to_org in visited:
                continue
            if ho.to_org in ends:
                found.add((*path, ho.id))
            if len(path) + 1 < max_handoffs:
                walk(ho.to_org, visited | {ho.to_org}, [*path, ho.id])

    for s in starts:
        if s not in excluded:
            walk(s, {s}, [])
    return sorted(found, key=lambda c: (len(c), c))


@pytest.mark.parametrize("seed", range(6))
def test_pruned_route_search_equals_naive_enumeration(seed):
    rng = random.Random(seed)
    n = 9
    hos = [good(f"h{i}", f"o{rng.randrange(n)}", f"o{rng.randrange(n)}") for i in range(22)]
    hos = [h for h in hos if h.from_org != h.to_org]
    model = chain(*hos, extra_orgs=[f"o{i}" for i in range(n)])
    backend = model.view
    found = 0
    for _ in range(5):
        starts = rng.sample([f"o{i}" for i in range(n)], 2)
        ends = rng.sample([f"o{i}" for i in range(n)], 3)
        excluded = [*rng.sample([h.id for h in hos], 2), f"o{rng.randrange(n)}"]
        for k in (1, 3, 5):
            expected = _naive_candidates(model, starts, set(ends) - set(excluded), k, set(excluded))
            assert backend.route_candidates(starts, ends, k, excluded) == expected
            found += len(expected)
    assert found  # not only empty answers compared


def test_route_without_any_numeric_norm_says_so():
    model = chain(good("ab", "a", "b", norm=None), good("bc", "b", "c", norm=Norm(description="direct", sources=SRC)))
    r = routes(model, "a", "c")[0]
    assert r.norm_days == 0 and r.steps_without_norm == ("ab", "bc")
    assert "geen van de stappen heeft een normtijd" in r.reason_nl and "0 dagen" not in r.reason_nl
    assert "none of the steps" in r.reason_en


def test_a_finding_does_not_change_with_the_filter():
    everything = {(f.rule, f.element, f.elements): f for f in bottlenecks(toy_chain())}
    for view in (bottlenecks(toy_chain(), rules="no-norm"), bottlenecks(toy_chain(), level="aandacht")):
        assert view
        for f in view:
            assert f == everything[(f.rule, f.element, f.elements)]
