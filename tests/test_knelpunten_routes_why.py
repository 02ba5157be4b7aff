"""Routes follow the case and show norm and practice side by side; why answers with practice first."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.errors import NoRoute
from graph.examples import toy_chain
from graph.settings import default_data_dir
from loaders.load import load_model
from queries.explain import explain_handoff
from queries.routes import duration_phrase, observed_wait, routes


@pytest.fixture(scope="module")
def haaglanden():
    return load_model(default_data_dir())


OTS = ("politie-bij-huiselijk-geweldincident", "ondertoezichtstelling@jeugdbescherming-west")


def test_the_main_route_to_an_ots_comes_first_not_the_shortest(haaglanden):
    found = routes(haaglanden, *OTS, limit=None)
    assert found[0].handoffs == ("politie-zorgmelding-vt", "vt-verzoek-onderzoek-rvdk",
                                 "rvdk-verzoek-ots-kinderrechter", "kinderrechter-ots-gi")
    assert found[0].off_main_route == 0
    shortest = min(len(r.steps) for r in found)
    assert len(found[0].steps) > shortest  # the OM route is shorter, and atypical
    assert [r.off_main_route for r in found] == sorted(r.off_main_route for r in found)


def test_routes_follow_the_case_and_information_flows_only_on_request(haaglanden):
    for r in routes(haaglanden, *OTS, limit=None):
        assert all(step.flow == "case" for step in r.steps), r.handoffs
    with_info = routes(haaglanden, *OTS, limit=None, flow="all")
    assert any(step.flow == "information" for r in with_info for step in r.steps)
    # an information hand-off asked for by name is still a route
    assert routes(haaglanden, "vt-informeert-om", "openbaar-ministerie")[0].handoffs == ("vt-informeert-om",)


def test_no_case_route_says_an_information_route_exists():
    model = toy_chain()
    only_info = dataclasses.replace(model, handoffs=tuple(h for h in model.handoffs if h.id != "ho-vt-raad"))
    with pytest.raises(NoRoute, match="with information hand-offs"):
        routes(only_info, "politie", "raad")
    assert routes(only_info, "politie", "raad", flow="all")[0].handoffs == ("ho-politie-vt", "ho-vt-raad-oud")


def test_each_step_and_route_has_norm_and_observed_time_side_by_side(haaglanden):
    best = routes(haaglanden, *OTS)[0]
    first = best.steps[0]
    assert first.norm_days == 7 and first.observed is None  # 5 working days; no wait in days was found
    raad = next(s for s in best.steps if s.handoff == "vt-verzoek-onderzoek-rvdk")
    assert raad.norm_days is None and raad.observed is not None  # the Raad has no current day norm
    assert (raad.observed.low_days, raad.observed.high_days) == (28, 91)
    assert "4 tot 13 weken" in raad.observed.text_nl and "juni 2023" in raad.observed.text_nl
    assert best.observed_steps == ("vt-verzoek-onderzoek-rvdk", "kinderrechter-ots-gi")
    assert best.observed_days == (118, 181)
    assert "normtijd samen 7 dagen" in best.reason_nl
    assert "in de praktijk ten minste 17 tot 26 weken bij 2 van de 4 stappen" in best.reason_nl  # GI: "meer dan"
    assert "Skipr 2023" in best.reason_nl  # the source is named


def test_observed_wait_takes_the_newest_wait_and_never_a_stay(haaglanden):
    raad = observed_wait(haaglanden, "vt-verzoek-onderzoek-rvdk")
    assert raad is not None and raad.observation == "obs-raad-wachttijd-2023"
    assert observed_wait(haaglanden, "vt-plaatsing-vrouwenopvang") is None
    assert observed_wait(haaglanden, "vrouwenopvang-den-haag") is None  # 259 days is a stay, not a wait
    assert duration_phrase(10).nl == "10 dagen" and duration_phrase(200, 400).nl == "7 tot 13 maanden"


def test_route_json_carries_flow_main_route_and_observed(haaglanden):
    data = routes(haaglanden, *OTS)[0].as_dict(haaglanden)
    assert data["observed_days"] == [118, 181] and data["off_main_route"] == 0
    step = data["steps"][1]
    assert step["flow"] == "case" and step["main_route"] is True
    assert step["observed"]["observation"] == "obs-raad-wachttijd-2023"


def test_why_answers_with_practice_first_then_law_and_structure(haaglanden):
    ex = explain_handoff(haaglanden, "vt-verzoek-onderzoek-rvdk")
    assert ex.has_practice and ex.severity is not None and ex.severity.value == "hoog"
    assert ex.points[0] == ex.practice_points[0] and ex.practice_points[0][0].startswith("Bevestigd:")
    assert "Bron:" in ex.practice_points[0][0] and "2023" in ex.practice_points[0][0]
    order = [ex.points.index(p) for p in (ex.practice_points[-1], ex.law_points[0], ex.agreement_points[0],
                                          ex.structure_points[0])]
    assert order == sorted(order)
    assert ex.reason_nl.split(":")[0].endswith("stokt in de praktijk")
    assert any("blijft de regie bij Veilig Thuis" in nl for nl, _ in ex.agreement_points)
    assert ex.evidence[0].confirms


def test_why_says_plainly_when_there_is_no_evidence(haaglanden):
    ex = explain_handoff(haaglanden, "om-verzoek-ots-kinderrechter")
    assert not ex.has_practice
    assert ex.practice_points[0][0].startswith("Er is geen bewijs uit de praktijk")
    assert "er is geen bewijs uit de praktijk dat het hier stokt" in ex.reason_nl


def test_why_and_bottlenecks_json_agree(haaglanden):
    runner = CliRunner()
    why = json.loads(runner.invoke(cli, ["why", "kinderrechter-ots-gi", "--json"]).output)
    listed = json.loads(runner.invoke(cli, ["bottlenecks", "--json"]).output)
    row = next(r for r in listed["knelpunten"] if r["element"]["id"] == "kinderrechter-ots-gi")
    assert why["severity"] == row["severity"] == "hoog"
    assert why["categories"] == row["categories"]
    assert why["practice_points"] and why["law_points"] and why["structure_points"]
    assert listed["summary"]["elements"] == len(haaglanden.handoffs) + len(haaglanden.organisations)


def test_cli_texts_show_the_new_information():
    runner = CliRunner()
    out = runner.invoke(cli, ["route", "--from", OTS[0], "--to", OTS[1], "--limit", "1"]).output
    assert "norm: 5 werkdagen" in out and "in de praktijk: 4 tot 13 weken" in out and "(hoofdroute)" in out
    listed = runner.invoke(cli, ["bottlenecks", "--severity", "hoog"]).output
    assert "hoog" in listed and "aandacht " not in listed and "gemarkeerd (hoog of aandacht)" in listed
    why = runner.invoke(cli, ["why", "om-verzoek-ots-kinderrechter"]).output
    assert why.index("Praktijk:") < why.index("Wet:") < why.index("Structuur:")
