"""Data cannot drive the user's terminal (issue 12, group 7): what the CLI prints, results and error
messages alike, has no ESC, BEL, C1 or bidi control characters, whichever command prints it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli.common import DEBUG_VARIABLE, handle_errors
from cli.main import cli

TOY = Path(__file__).parent / "data" / "variants" / "toy"
HOSTILE = "Politie\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eeitilop\u202c\u2066x\u2069"
FORBIDDEN = ["\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069"]


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    data = tmp_path / "toy"
    shutil.copytree(TOY, data)
    orgs = data / "organisations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace("name: Politie", f"name: {json.dumps(HOSTILE)}"),
                    encoding="utf-8")
    return data


def _clean(text: str) -> None:
    found = [repr(c) for c in FORBIDDEN if c in text]
    assert not found, found


def test_a_route_prints_a_hostile_name_without_its_controls(hostile_data):
    result = CliRunner(env={"NEO4J_URI": ""}).invoke(
        cli, ["route", "--from", "politie", "--to", "kinderrechter", "--data", str(hostile_data)])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    assert "van Politie]0;pwned" in result.output and "eitilop" in result.output  # the visible text stays


def test_json_output_carries_no_raw_controls_either(hostile_data):
    result = CliRunner(env={"NEO4J_URI": ""}).invoke(
        cli, ["route", "--from", "politie", "--to", "kinderrechter", "--data", str(hostile_data), "--json"])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    json.loads(result.output)


def test_an_error_message_quoting_data_is_cleaned(hostile_data):
    result = CliRunner(env={"NEO4J_URI": ""}).invoke(
        cli, ["route", "--from", "politie\x1b[2J\u202e", "--to", "raad", "--data", str(hostile_data)])
    assert result.exit_code == 1
    assert "unknown element" in result.output
    _clean(result.output)


def test_an_unexpected_error_says_its_type_and_nothing_of_its_data(monkeypatch):
    # A library error quoting a value (as DuckDB and rdflib do) must not reach the user's terminal or a log.
    @click.command()
    @handle_errors
    def failing() -> None:
        raise ValueError("could not cast 'Jan de Vries, BSN 111222333' to TIMESTAMP")

    monkeypatch.delenv(DEBUG_VARIABLE, raising=False)
    result = CliRunner().invoke(failing, [])
    assert result.exit_code == 1
    assert "ValueError" in result.output and DEBUG_VARIABLE in result.output
    assert "111222333" not in result.output and "Jan de Vries" not in result.output
    assert "Traceback" not in result.output
    # on request, for whoever runs it on their own data, the original error comes through
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    assert isinstance(CliRunner().invoke(failing, []).exception, ValueError)


def test_click_usage_errors_keep_their_own_message_and_code():
    @click.command()
    @click.argument("count", type=int)
    @handle_errors
    def counting(count: int) -> None:
        raise click.BadParameter("must be at least 5", param_hint="COUNT")

    result = CliRunner().invoke(counting, ["3"])
    assert result.exit_code == 2 and "must be at least 5" in result.output
