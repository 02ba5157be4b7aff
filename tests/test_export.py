"""The export formats, written atomically, read back by their own libraries."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from cli.main import cli
from graph.errors import ChainError
from graph.rdf import validate_rdf
from loaders.build import build_model
from loaders.load import load_model
from loaders.readers.turtle import read_turtle
from loaders.readers.xlsx import read_workbook
from loaders.writers import FORMATS, export_text, to_json_document, write_export

TOY = Path(__file__).parent / "data" / "variants" / "toy"


@pytest.fixture(scope="module")
def model():
    return load_model(TOY)


def test_ttl_export_round_trips_and_conforms(model, tmp_path):
    out = tmp_path / "keten.ttl"
    write_export(model, "ttl", out)
    assert build_model(read_turtle(out)) == model
    graph = Graph().parse(out, format="turtle")
    conforms, report = validate_rdf(graph)
    assert conforms, report


def test_jsonld_export_is_the_same_graph_as_ttl(model):
    from rdflib.compare import isomorphic

    ttl = Graph().parse(data=export_text(model, "ttl"), format="turtle")
    jsonld = Graph().parse(data=export_text(model, "jsonld"), format="json-ld")
    assert len(jsonld) == len(ttl) > 0
    assert isomorphic(ttl, jsonld)


def test_cli_ttl_and_jsonld_to_stdout(model):
    from rdflib.compare import isomorphic

    from graph.rdf import to_rdf

    expected = to_rdf(model)
    runner = CliRunner()
    for fmt, parse_as in (("ttl", "turtle"), ("jsonld", "json-ld")):
        result = runner.invoke(cli, ["export", "--format", fmt, "--data", str(TOY)])
        assert result.exit_code == 0, result.output
        printed = Graph().parse(data=result.output, format=parse_as)
        assert len(printed) > 100 and isomorphic(printed, expected), fmt  # the --data chain, every triple


def test_json_document_carries_every_element_with_sources(model):
    doc = to_json_document(model)
    assert sum(len(doc[kind]) for kind in model.counts()) == sum(model.counts().values())
    assert all(item["sources"] for kind in model.counts() for item in doc[kind])
    json.dumps(doc)  # plain JSON types only
    ho = next(h for h in doc["handoffs"] if h["id"] == "ho-vt-lokaal-team")
    assert ho["failure_modes"][0]["id"] == "uit-beeld"
    old = next(b for b in doc["legal_bases"] if b["id"] == "old-rule")
    assert (old["valid_to"], old["url"], old["juriconnect"]) == ("2015-01-01", "https://example.org/regeling", None)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_keep_scalar_attributes(model, tmp_path, fmt):
    out = tmp_path / f"keten.{fmt}"
    write_export(model, fmt, out)
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    node = G.nodes["ho-politie-vt"]
    assert (node["from_org"], node["to_org"], node["norm_amount"]) == ("politie", "veilig-thuis", 5)
    assert G.number_of_edges() > G.number_of_nodes()


def test_xlsx_export_reads_back_equal(model, tmp_path):
    out = tmp_path / "keten.xlsx"
    write_export(model, "xlsx", out)
    assert build_model(read_workbook(out)) == model


def test_failed_write_leaves_the_target_and_no_temporary_file(model, tmp_path):
    target = tmp_path / "bezet"
    target.mkdir()  # os.replace cannot put a file over a folder
    with pytest.raises(ChainError, match="cannot write"):
        write_export(model, "json", target)
    assert target.is_dir() and not any(target.iterdir())
    assert [p.name for p in tmp_path.iterdir()] == ["bezet"]


def test_unknown_format_and_missing_folder(model, tmp_path):
    with pytest.raises(ChainError, match="valid: json, ttl, jsonld, graphml, gexf, xlsx"):
        write_export(model, "csv", tmp_path / "x.csv")
    with pytest.raises(ChainError, match="does not exist"):
        write_export(model, "json", tmp_path / "nergens" / "x.json")
    with pytest.raises(ChainError, match="binary workbook"):
        export_text(model, "xlsx")
    assert set(FORMATS) == {"json", "ttl", "jsonld", "graphml", "gexf", "xlsx"}


def test_xlsx_keeps_text_that_looks_like_a_formula(model, tmp_path):
    from dataclasses import replace

    ho = replace(model.get("ho-politie-vt"), description="=SUM(A1:A3) is geen formule")
    changed = replace(model, handoffs=tuple(ho if h.id == ho.id else h for h in model.handoffs))
    out = tmp_path / "keten.xlsx"
    write_export(changed, "xlsx", out)
    assert build_model(read_workbook(out)).handoff("ho-politie-vt").description == "=SUM(A1:A3) is geen formule"


def test_xlsx_refuses_control_characters_cleanly(model, tmp_path):
    from dataclasses import replace

    ho = replace(model.get("ho-politie-vt"), description="bel\x07")
    changed = replace(model, handoffs=tuple(ho if h.id == ho.id else h for h in model.handoffs))
    out = tmp_path / "keten.xlsx"
    with pytest.raises(ChainError, match="'ho-politie-vt' to sheet 'handoffs'"):
        write_export(changed, "xlsx", out)
    assert list(tmp_path.iterdir()) == []
