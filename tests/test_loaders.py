"""The YAML folder reader and the builder on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ChainDataError, ChainError
from graph.examples import toy_chain
from loaders.load import load_model
from loaders.readers.yaml import read_yaml_folder

VARIANTS = Path(__file__).parent / "data" / "variants"


def test_yaml_folder_loads_to_the_toy_chain_plus_its_extras():
    model = load_model(VARIANTS / "toy")
    toy = toy_chain()
    assert model.handoffs == toy.handoffs
    assert model.organisations == toy.organisations
    assert model.instrument("ots").durations[0].unit.value == "months"
    assert model.source("toy-source").date == "2018-04"


def test_records_carry_file_and_line_per_field():
    rs = read_yaml_folder(VARIANTS / "toy")
    ho = next(r for r in rs.records if r.data.get("id") == "ho-politie-vt")
    lines = (VARIANTS / "toy" / "handoffs.yaml").read_text().splitlines()
    # the lines of this hand-off's own block ("to:" and "amount:" also occur in the other blocks)
    start = lines.index("- id: ho-politie-vt")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- id:")), len(lines))
    for field in ("id", "to", "norm.amount"):
        file, line = ho.where(field).rsplit(":", 1)
        assert file.endswith("handoffs.yaml")
        index = int(line) - 1
        assert start <= index < end, (field, line)
        assert lines[index].strip().removeprefix("- ").startswith(field.split(".")[-1] + ":"), (field, lines[index])
    assert ho.where("id") == f"{ho.where('id').rsplit(':', 1)[0]}:{start + 1}"


def test_missing_folder_and_unknown_format_are_chain_errors(tmp_path):
    with pytest.raises(ChainError, match="no such folder"):
        load_model(tmp_path / "nothing")
    odd = tmp_path / "chain.csv"
    odd.write_text("id\n")
    with pytest.raises(ChainError, match=r"valid: a folder of YAML files, .xlsx, .ttl"):
        load_model(odd)


def test_empty_folder_names_each_required_file(tmp_path):
    with pytest.raises(ChainDataError) as info:
        load_model(tmp_path)
    missing = sorted(Path(p.location).name for p in info.value.problems if p.message == "required file is missing")
    assert missing == ["handoffs.yaml", "organisations.yaml", "region.yaml", "sources.yaml"]


def test_a_single_yaml_file_points_at_its_folder():
    with pytest.raises(ChainError, match="give the folder that holds the chain files"):
        load_model(VARIANTS / "toy" / "handoffs.yaml")
