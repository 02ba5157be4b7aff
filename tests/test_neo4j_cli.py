"""``ketenkaart neo4j push|status`` and ``--source neo4j`` against the session's real Neo4j."""

from __future__ import annotations

import getpass
import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.examples import toy_chain
from graph.settings import default_data_dir
from loaders.load import load_model
from loaders.neo4j import Neo4jStore
from loaders.writers import write_export


def test_push_prints_counts_and_second_push_changes_nothing(neo4j_env, neo4j_store):
    runner = CliRunner()
    first = runner.invoke(cli, ["neo4j", "push"])
    assert first.exit_code == 0, first.output
    model = load_model(default_data_dir())
    nodes = neo4j_store.count_nodes()
    assert nodes > sum(model.counts().values())  # the elements and their nested parts
    assert f"nodes: {nodes} created, 0 updated, 0 deleted, 0 unchanged" in first.output
    assert "version 1 (" in first.output and f"by {getpass.getuser()}" in first.output
    second = runner.invoke(cli, ["neo4j", "push", "--by", "someone else"])
    assert second.exit_code == 0, second.output
    assert f"nodes: 0 created, 0 updated, 0 deleted, {nodes} unchanged" in second.output
    assert "relationships: 0 created, 0 deleted" in second.output
    assert "unchanged), pushed" in second.output and "someone else" not in second.output
    assert neo4j_store.read_model() == model


def test_push_asks_for_the_password_when_the_environment_has_none(neo4j_env, neo4j_store, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD")
    result = CliRunner().invoke(cli, ["neo4j", "push", "--by", "Team Haaglanden"], input=neo4j_env.password + "\n")
    assert result.exit_code == 0, result.output
    assert neo4j_env.password not in result.output  # hidden input
    stamp = neo4j_store.read_stamp()
    assert stamp is not None and stamp.pushed_by == "Team Haaglanden"
    assert neo4j_env.password not in repr(stamp)  # the stamp says who, never with what


def test_there_is_no_password_flag():
    for command in (["neo4j", "push"], ["neo4j", "status"]):
        help_text = CliRunner().invoke(cli, [*command, "--help"]).output
        assert "--password" not in help_text
    result = CliRunner().invoke(cli, ["neo4j", "push", "--password", "x"], env={"NEO4J_URI": None})
    assert result.exit_code == 2 and "No such option '--password'" in result.output


def test_status_shows_the_stamp(neo4j_env, neo4j_store):
    runner = CliRunner()
    assert "holds no chain yet" in runner.invoke(cli, ["neo4j", "status"]).output
    neo4j_store.push(toy_chain(), pushed_by="Team Toy")
    result = runner.invoke(cli, ["neo4j", "status"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("toy (")
    assert "version 1 (" in result.output and "by Team Toy" in result.output


def test_queries_read_the_chain_from_the_store(neo4j_env, neo4j_store, tmp_path):
    neo4j_store.push(load_model(default_data_dir()))
    runner = CliRunner()
    on_server = runner.invoke(cli, ["bottlenecks", "--source", "neo4j", "--json"])
    embedded = runner.invoke(cli, ["bottlenecks", "--source", "files", "--json"])
    assert on_server.exit_code == 0, on_server.output
    assert on_server.output == embedded.output
    # Equal answers alone would also pass if --source neo4j quietly read the local files, so put a
    # different chain (the toy one) on the server: the answers must now be the toy chain's.
    neo4j_store.push(toy_chain())
    toy_file = tmp_path / "toy.xlsx"
    write_export(toy_chain(), "xlsx", toy_file)
    toy_local = runner.invoke(cli, ["bottlenecks", "--source", "files", "--data", str(toy_file), "--json"])
    toy_server = runner.invoke(cli, ["bottlenecks", "--source", "neo4j", "--json"])
    assert toy_server.exit_code == 0, toy_server.output
    assert toy_server.output == toy_local.output != embedded.output
    # with NEO4J_URI set the store is the default: 'raad' only exists in the toy chain
    toy_route = runner.invoke(cli, ["route", "--from", "politie", "--to", "raad", "--json"])
    assert toy_route.exit_code == 0, toy_route.output
    steps = json.loads(toy_route.output)["routes"][0]["steps"]
    assert [s["handoff"]["id"] for s in steps] == ["ho-politie-vt", "ho-vt-raad"]


def test_every_command_closes_the_driver_it_opened(neo4j_env, neo4j_store, monkeypatch):
    opened: list[Neo4jStore] = []
    connect = Neo4jStore.connect.__func__  # type: ignore[attr-defined]

    def recording_connect(cls, *args, **kwargs):
        opened.append(connect(cls, *args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(Neo4jStore, "connect", classmethod(recording_connect))
    runner = CliRunner()
    commands = (["neo4j", "status"], ["neo4j", "push"], ["neo4j", "status"], ["bottlenecks", "--source", "neo4j"])
    exit_codes = [runner.invoke(cli, command).exit_code for command in commands]
    assert exit_codes == [1, 0, 0, 0]  # the first status fails (nothing pushed yet) and still closes
    assert len(opened) == len(commands)
    for store in opened:
        with pytest.raises(Exception, match=r"(?i)closed"), store.driver.session() as session:
            session.run("RETURN 1").consume()


def test_unreachable_server_is_a_clean_error():
    result = CliRunner().invoke(cli, ["neo4j", "push", "--uri", "bolt://127.0.0.1:1"],
                                env={"NEO4J_URI": None, "NEO4J_PASSWORD": "not-used"})
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
    assert "--by" in result.output
