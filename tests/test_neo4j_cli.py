"""``ketenkaart neo4j push`` and ``--source neo4j`` against the local Bolt test server."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.examples import toy_chain
from graph.settings import default_data_dir
from loaders.load import load_model
from loaders.writers import write_export


@pytest.mark.bolt
def test_push_prints_counts_and_second_push_changes_nothing(bolt_server, neo4j_store):
    runner = CliRunner()
    args = ["neo4j", "push", "--uri", bolt_server.uri, "--user", bolt_server.auth[0], "--password", ""]
    first = runner.invoke(cli, args, env={"NEO4J_URI": None})
    assert first.exit_code == 0, first.output
    model = load_model(default_data_dir())
    nodes = sum(model.counts().values())
    assert f"nodes: {nodes} created, 0 updated, 0 deleted, 0 unchanged" in first.output
    second = runner.invoke(cli, args, env={"NEO4J_URI": None})
    assert second.exit_code == 0, second.output
    assert f"nodes: 0 created, 0 updated, 0 deleted, {nodes} unchanged" in second.output
    assert "relationships: 0 created, 0 deleted" in second.output
    assert neo4j_store.read_model() == model


@pytest.mark.bolt
def test_queries_run_on_the_server_when_asked(bolt_server, neo4j_store, tmp_path):
    neo4j_store.push(load_model(default_data_dir()))
    runner = CliRunner()
    env = {"NEO4J_URI": bolt_server.uri, "NEO4J_USER": "falkordb", "NEO4J_PASSWORD": ""}
    on_server = runner.invoke(cli, ["bottlenecks", "--source", "neo4j", "--json"], env=env)
    embedded = runner.invoke(cli, ["bottlenecks", "--source", "files", "--json"], env=env)
    assert on_server.exit_code == 0, on_server.output
    assert on_server.output == embedded.output
    route = runner.invoke(cli, ["route", "--from", "politie", "--to", "jeugdbescherming-west", "--json"], env=env)
    assert route.exit_code == 0, route.output
    assert route.output == runner.invoke(
        cli, ["route", "--from", "politie", "--to", "jeugdbescherming-west", "--json", "--source", "files"], env=env
    ).output
    # Equal answers alone would also pass if --source neo4j quietly read the local files, so put a
    # different chain (the toy one) on the server: the answers must now be the toy chain's.
    neo4j_store.push(toy_chain())
    toy_file = tmp_path / "toy.xlsx"
    write_export(toy_chain(), "xlsx", toy_file)
    toy_local = runner.invoke(cli, ["bottlenecks", "--source", "files", "--data", str(toy_file), "--json"], env=env)
    toy_server = runner.invoke(cli, ["bottlenecks", "--source", "neo4j", "--json"], env=env)
    assert toy_server.exit_code == 0, toy_server.output
    assert toy_server.output == toy_local.output != embedded.output
    # and with NEO4J_URI set the server is the default: 'raad' only exists in the toy chain
    toy_route = runner.invoke(cli, ["route", "--from", "politie", "--to", "raad", "--json"], env=env)
    assert toy_route.exit_code == 0, toy_route.output
    assert [s["handoff"] for s in json.loads(toy_route.output)["routes"][0]["steps"]] == ["ho-politie-vt", "ho-vt-raad"]


def test_unreachable_server_is_a_clean_error():
    result = CliRunner().invoke(cli, ["neo4j", "push", "--uri", "bolt://127.0.0.1:1"], env={"NEO4J_URI": None})
    assert result.exit_code == 1
    assert "cannot connect to the Neo4j server at bolt://127.0.0.1:1" in result.output
    assert "Traceback" not in result.output


def test_no_server_configured_says_which_variable():
    result = CliRunner().invoke(cli, ["bottlenecks", "--source", "neo4j"], env={"NEO4J_URI": None})
    assert result.exit_code == 1
    assert "NEO4J_URI" in result.output


def test_push_has_help():
    result = CliRunner().invoke(cli, ["neo4j", "push", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--batch-size" in result.output
