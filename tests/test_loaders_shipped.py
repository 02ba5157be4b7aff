"""The shipped Haaglanden data: valid, and equal after YAML -> workbook / Turtle -> model."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.settings import default_data_dir
from loaders.build import build_model
from loaders.load import load_model
from loaders.readers.turtle import read_turtle
from loaders.readers.xlsx import read_workbook
from loaders.writers import write_export


@pytest.fixture(scope="module")
def shipped():
    return load_model(default_data_dir())


def test_validate_passes_on_the_shipped_data():
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output.splitlines()[0]


def test_shipped_data_round_trips_through_a_workbook(shipped, tmp_path):
    out = tmp_path / "haaglanden.xlsx"
    write_export(shipped, "xlsx", out)
    assert build_model(read_workbook(out)) == shipped


def test_shipped_data_round_trips_through_turtle(shipped, tmp_path):
    out = tmp_path / "haaglanden.ttl"
    write_export(shipped, "ttl", out)
    assert build_model(read_turtle(out)) == shipped


def test_shipped_data_has_the_nested_parts_the_formats_flatten(shipped):
    assert any(h.norm is not None and h.norm.amount is not None for h in shipped.handoffs)
    assert sum(len(h.failure_modes) for h in shipped.handoffs) > 0
    assert any(i.durations for i in shipped.instruments)
