"""The route, bottlenecks, why and what-if commands, on real data files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.examples import toy_chain
from loaders.writers import write_export

COMMANDS = ["route", "bottlenecks", "why", "what-if"]


@pytest.fixture(scope="module")
def toy_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("toy") / "toy.xlsx"
    write_export(toy_chain(), "xlsx", path)
    return str(path)


def run(*args):
    result = CliRunner(env={"NEO4J_URI": ""}).invoke(cli, list(args))
    return result


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "--json" in result.output


def test_route_json_shape(toy_file):
    result = run("route", "--from", "signaal-incident", "--to", "ots", "--data", toy_file, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["routes"][0]
    assert [s["handoff"]["id"] for s in first["steps"]] == ["ho-politie-vt", "ho-vt-raad", "ho-raad-kinderrechter"]
    step = first["steps"][-1]["handoff"]
    assert step["from"] == {"id": "raad", "name": "Raad voor de Kinderbescherming"}
    assert step["to"] == {"id": "kinderrechter", "name": "Kinderrechter"}
    assert [lb["id"] for lb in step["legal_bases"]] == ["bw1-255"] and step["norm"] is None
    assert first["norm_days"] == 17.0 and first["steps_without_norm"] == ["ho-raad-kinderrechter"]


def test_route_table_and_bound(toy_file):
    result = run("route", "--from", "politie", "--to", "kinderrechter", "--data", toy_file)
    assert result.exit_code == 0
    # routes follow the case: the old information-only route to the Raad is left out unless asked for
    assert "Politie → Veilig Thuis" in result.output and "Route 2:" not in result.output
    assert "norm: 5 werkdagen" in result.output and "in de praktijk:" in result.output
    result = run("route", "--from", "politie", "--to", "kinderrechter", "--flow", "all", "--data", toy_file)
    assert result.exit_code == 0 and "Route 2:" in result.output and "alleen informatie" in result.output
    result = run("route", "--from", "politie", "--to", "kinderrechter", "--max-handoffs", "2", "--data", toy_file)
    assert result.exit_code == 1 and "no route" in result.output


def test_unknown_id_suggests_and_exits_1(toy_file):
    result = run("route", "--from", "politi", "--to", "raad", "--data", toy_file)
    assert result.exit_code == 1
    assert "unknown element 'politi'" in result.output and "politie" in result.output
    result = run("why", "ho-vt-lokal", "--data", toy_file)
    assert result.exit_code == 1 and "ho-vt-lokaal-team" in result.output
    assert "Traceback" not in result.output


def test_bottlenecks_json_and_filters(toy_file):
    result = run("bottlenecks", "--data", toy_file, "--json", "--severity", "aandacht")
    assert result.exit_code == 0
    rows = json.loads(result.output)["knelpunten"]
    assert rows and {r["severity"] for r in rows} <= {"hoog", "aandacht"}
    assert set(rows[0]) >= {"element", "severity", "categories", "explanation_nl", "reasons", "sources"}
    assert len({r["element"]["id"] for r in rows}) == len(rows)  # one row per element
    result = run("bottlenecks", "--data", toy_file, "--rule", "ping-pong")
    assert result.exit_code == 0 and "pingpong" in result.output and "2 rijen getoond" in result.output


def test_why_table_and_json(toy_file):
    result = run("why", "ho-vt-lokaal-team", "--data", toy_file)
    assert result.exit_code == 0
    assert "geen grondslag" in result.output and "Risico's raken uit beeld" in result.output
    data = json.loads(run("why", "ho-politie-vt", "--data", toy_file, "--json").output)
    assert data["structure"]["is_bridge"] is True and data["handoff"]["id"] == "ho-politie-vt"


def test_what_if_repeatable_without(toy_file):
    result = run("what-if", "--without", "veilig-thuis", "--data", toy_file, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {(c["start"], c["end"]) for c in data["broken"]} == {("politie", "raad"), ("politie", "lokaal-team"),
                                                               ("politie", "kinderrechter")}
    result = run("what-if", "--without", "wmo-4-1-1", "--without", "ho-vt-raad-oud", "--data", toy_file)
    assert result.exit_code == 0 and "no-legal-basis" in result.output


def test_route_on_the_builtin_haaglanden_data():
    result = run("route", "--from", "politie-bij-huiselijk-geweldincident",
                 "--to", "ondertoezichtstelling@jeugdbescherming-west", "--limit", "10", "--json")
    assert result.exit_code == 0, result.output
    routes = json.loads(result.output)["routes"]
    assert any([s["handoff"]["to"]["id"] for s in r["steps"]] == [
        "veilig-thuis-haaglanden", "raad-voor-de-kinderbescherming",
                                                       "kinderrechter", "jeugdbescherming-west"] for r in routes)


def test_as_of_drops_what_was_not_yet_or_no_longer_valid(toy_file):
    now = json.loads(run("route", "--from", "politie", "--to", "raad", "--data", toy_file, "--json",
                         "--as-of", "2020-01-01").output)
    then = json.loads(run("route", "--from", "politie", "--to", "raad", "--data", toy_file, "--json",
                          "--as-of", "2014-06-01").output)
    assert [r["steps"][-1]["handoff"]["id"] for r in now["routes"]] == ["ho-vt-raad"]
    assert [r["steps"][-1]["handoff"]["id"] for r in then["routes"]] == ["ho-vt-raad"]  # the case route only
    then_all = json.loads(run("route", "--from", "politie", "--to", "raad", "--data", toy_file, "--json",
                              "--as-of", "2014-06-01", "--flow", "all").output)
    assert [r["steps"][-1]["handoff"]["id"] for r in then_all["routes"]] == ["ho-vt-raad", "ho-vt-raad-oud"]
    result = run("bottlenecks", "--data", toy_file, "--as-of", "gisteren")
    assert result.exit_code == 2 and "--as-of" in result.output
