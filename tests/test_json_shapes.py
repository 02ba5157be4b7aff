"""One JSON shape per element kind: ``why --json``, ``route --json`` and
``export --format json`` give the same hand-off the same shape, and every
element kind's shape has the keys ``docs/json.md`` promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.encode import element_json
from graph.settings import default_data_dir
from loaders.load import load_model

DOCS = Path(__file__).resolve().parent.parent / "docs" / "json.md"


@pytest.fixture(scope="module")
def model():
    return load_model(default_data_dir())


def _json(*args: str) -> dict:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_why_route_and_export_give_a_handoff_the_same_shape(model):
    route = _json("route", "--from", "politie", "--to", "jeugdbescherming-west", "--json")["routes"][0]
    exported = {h["id"]: h for h in _json("export", "--format", "json")["handoffs"]}
    compared = 0
    for step in route["steps"]:
        handoff = step["handoff"]
        why = _json("why", handoff["id"], "--json")["handoff"]
        assert why == handoff == exported[handoff["id"]]
        assert handoff == element_json(model, model.handoff(handoff["id"]))
        compared += 1
    assert compared >= 2


def test_every_reference_is_an_id_and_a_name(model):
    for ho in model.handoffs:
        shape = element_json(model, ho)
        for key in ("from", "to", "phase"):
            assert set(shape[key]) == {"id", "name"} and shape[key]["name"], (ho.id, key)
        for lb in shape["legal_bases"]:
            assert set(lb) == {"id", "name", "url", "juriconnect"}
        if shape["norm"] is not None:
            assert set(shape["norm"]) == {"description", "amount", "unit", "kind", "calendar_days",
                                          "text_nl", "text_en", "sources", "status"}


def _documented_keys() -> dict[str, set[str]]:
    """The keys listed per kind in docs/json.md (lines like ``- `key`: …`` under ``### kind``)."""
    keys: dict[str, set[str]] = {}
    kind = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### (\S+)", line)
        if heading:
            kind = heading.group(1)
            keys[kind] = set()
        elif kind and (item := re.match(r"- `(\w+)`", line)):
            keys[kind].add(item.group(1))
    return keys


def test_docs_list_exactly_the_keys_of_each_kind(model):
    documented = _documented_keys()
    for kind in ("organisations", "instruments", "legal_bases", "handoffs", "sources", "phases", "signals",
                 "observations"):
        element = getattr(model, kind)[0]
        assert set(element_json(model, element)) == documented[kind], kind
