"""`ketenkaart validate` and `ketenkaart export` through click's CliRunner, on real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli.main import cli
from loaders.build import build_model
from loaders.load import load_model
from loaders.readers.xlsx import read_workbook

VARIANTS = Path(__file__).parent / "data" / "variants"
TOY = VARIANTS / "toy"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_valid_data_prints_counts(runner):
    result = runner.invoke(cli, ["validate", "--data", str(TOY)])
    assert result.exit_code == 0, result.output
    model = load_model(TOY)
    for kind, count in model.counts().items():
        assert f"  {kind:<14}{count:>5}" in result.output
    durations = [d for i in model.instruments for d in i.durations if d.status.value == "unverified"]
    assert durations  # the stored chain has one, so the count below includes it
    assert all(any(u.endswith(f"#{d.label}") for u in model.unverified()) for d in durations)
    assert f"  {'unverified':<14}{len(model.unverified()):>5}" in result.output


def test_validate_verbose_lists_unverified_ids(runner):
    result = runner.invoke(cli, ["validate", "--data", str(TOY), "-v"])
    assert result.exit_code == 0
    for element_id in load_model(TOY).unverified():
        assert element_id in result.output
    assert "ots#verlenging  [instrument]" in result.output


def test_validate_broken_data_prints_every_problem_and_exits_1(runner, tmp_path):
    data = tmp_path / "keten"
    shutil.copytree(TOY, data)
    handoffs = data / "handoffs.yaml"
    text = handoffs.read_text()
    text = text.replace("to: kinderrechter", "to: kinderrechtr", 1).replace("phase: hulpverlening", "phase: hulp", 1)
    handoffs.write_text(text)
    result = runner.invoke(cli, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "handoffs.yaml:" in line]
    assert len(lines) == 2
    numbers = [
        i + 1 for i, line in enumerate(text.splitlines()) if "kinderrechtr" in line or "phase: hulp\n" in line + "\n"
    ]
    for line in lines:
        location, field, _message = line.split(": ", 2)
        assert int(location.rsplit(":", 1)[1]) in numbers
        assert field in ("to", "phase")
    assert "did you mean: kinderrechter?" in result.output
    assert "2 problems" in result.output


def test_validate_unknown_format_is_a_clean_error(runner, tmp_path):
    odd = tmp_path / "keten.csv"
    odd.write_text("id\n")
    result = runner.invoke(cli, ["validate", "--data", str(odd)])
    assert result.exit_code == 1
    assert "unknown format; valid: a folder of YAML files, .xlsx, .ttl" in result.output
    assert "Traceback" not in result.output


def test_export_json_shape(runner):
    result = runner.invoke(cli, ["export", "--format", "json", "--data", str(TOY)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    model = load_model(TOY)
    for kind in ("organisations", "instruments", "legal_bases", "handoffs", "sources", "phases", "signals"):
        assert isinstance(doc[kind], list)
        assert [item["id"] for item in doc[kind]] == [e.id for e in getattr(model, kind)]
        for item in doc[kind]:
            assert isinstance(item["name"], str) and item["name"]
            assert isinstance(item["sources"], list) and item["sources"]
    for item in doc["handoffs"]:
        ho = model.handoff(item["id"])
        assert (item["from"]["id"], item["to"]["id"]) == (ho.from_org, ho.to_org)
        assert item["from"]["name"] == model.get(ho.from_org).name
    for item in doc["legal_bases"]:
        assert item["url"] == model.legal_basis(item["id"]).url
        assert "juriconnect" in item
    assert doc["region"] == model.region


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_graph_formats_to_file(runner, tmp_path, fmt):
    out = tmp_path / f"keten.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "--data", str(TOY), "--out", str(out)])
    assert result.exit_code == 0, result.output
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    model = load_model(TOY)
    assert G.number_of_nodes() == sum(model.counts().values())
    assert {v for _, v in G.nodes(data="label")} >= {"Organisation", "HandOff", "LegalBasis"}


def test_export_xlsx_needs_out_and_round_trips(runner, tmp_path):
    result = runner.invoke(cli, ["export", "--format", "xlsx", "--data", str(TOY)])
    assert result.exit_code == 2
    assert "--out" in result.output
    out = tmp_path / "keten.xlsx"
    result = runner.invoke(cli, ["export", "--format", "xlsx", "--data", str(TOY), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[0] == "region"
    assert build_model(read_workbook(out)) == load_model(TOY)


def test_export_of_invalid_data_writes_nothing(runner, tmp_path):
    data = tmp_path / "keten"
    shutil.copytree(TOY, data)
    (data / "signals.yaml").write_text("signals:\n  - id: Kapot\n")
    out = tmp_path / "out.json"
    out.write_text("old content")
    result = runner.invoke(cli, ["export", "--format", "json", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # refused, not crashed
    assert "signals.yaml:2: id: id 'Kapot' is not a slug" in result.output
    assert out.read_text() == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keten", "out.json"]


def test_every_model_command_has_help_with_an_example(runner):
    for command in ("validate", "export"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output and f"ketenkaart {command}" in result.output


@pytest.mark.parametrize("variant", ["toy.xlsx", "toy.ttl"])
def test_validate_reads_every_variant(runner, variant):
    result = runner.invoke(cli, ["validate", "--data", str(VARIANTS / variant)])
    assert result.exit_code == 0, result.output
    assert f"  {'handoffs':<14}{len(load_model(TOY).handoffs):>5}" in result.output


def test_validate_broken_workbook_names_sheet_and_row(runner, tmp_path):
    book_path = tmp_path / "keten.xlsx"
    book_path.write_bytes((VARIANTS / "toy.xlsx").read_bytes())
    book = load_workbook(book_path)
    ws = book["organisations"]
    header = [c.value for c in ws[1]]
    ws.cell(3, header.index("domain") + 1).value = "welzijn"
    book.save(book_path)
    result = runner.invoke(cli, ["validate", "--data", str(book_path)])
    assert result.exit_code == 1
    assert f"{book_path}[organisations]:3: domain: 'welzijn' is not allowed; allowed values: zorg," in result.output
