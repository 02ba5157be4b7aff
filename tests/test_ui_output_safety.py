"""What the UI hands out cannot act on its own (issue 12, group 7, UI side), with the probe's
reproducers in tests/data/repro: a CSV download cannot run formulas; a data text shows as typed
(no markdown image fetched, no link made); the offline HTML cannot be broken open by a name
(the browser side of that is tests/e2e/test_browser.py::test_a_hostile_name_cannot_stop_the_offline_map)."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.examples import toy_chain
from ui.exports.html import map_html, script_json
from ui.mapview import map_view
from ui.plain import md
from ui.tables import csv_bytes

REPRO = Path(__file__).resolve().parent / "data" / "repro"
ROUTER = Path(__file__).resolve().parent.parent / "ui" / "streamlit_app.py"
FORMULA = re.compile(r"^[\s]*[=+\-@]")


def hostile_chain():
    """The toy chain with the names the probe used (tests/data/repro/overdrachten.csv)."""
    rows = list(csv.DictReader(io.StringIO((REPRO / "overdrachten.csv").read_text(encoding="utf-8"))))
    by_id = {row["id"]: row for row in rows}
    model = toy_chain()
    orgs = {"lokaal-team": by_id["ho-lokaal-team-vt"]["Van"], "veilig-thuis": by_id["ho-lokaal-team-vt"]["Naar"],
            "politie": "<!--<script>", "raad": by_id["ho-raad-kinderrechter"]["Van"]}
    return dataclasses.replace(
        model,
        organisations=tuple(dataclasses.replace(o, name=orgs.get(o.id, o.name)) for o in model.organisations),
        handoffs=tuple(dataclasses.replace(h, name=by_id[h.id]["Overdracht"]) if h.id in by_id else h
                       for h in model.handoffs))


def test_the_reproducer_csv_would_run_formulas():
    cells = [c for row in csv.reader(io.StringIO((REPRO / "overdrachten.csv").read_text(encoding="utf-8")))
             for c in row]
    assert any(FORMULA.match(c) for c in cells)  # what the old download wrote


def test_csv_download_neutralises_formula_prefixes():
    rows = list(csv.DictReader(io.StringIO((REPRO / "overdrachten.csv").read_text(encoding="utf-8"))))
    rows.append({"Van": "\t=1+1", "Overdracht": " +31 6", "Naar": "\r-2", "Grondslag gegevensuitwisseling": "@x",
                 "Norm": "-", "id": "x"})
    out = csv_bytes(rows).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(out, newline="")):
        for cell in row:
            assert not FORMULA.match(cell) and not cell.startswith(("\t", "\r")), cell
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in out


@pytest.mark.parametrize("text", ["![img](http://127.0.0.1:18765/md-image.png)", "[link](http://x)", "**vet**",
                                  "<img src=x onerror=alert(1)>", "$x^2$", "# kop"])
def test_data_texts_are_shown_literally(text):
    escaped = md(text)
    # every character markdown, HTML or LaTeX would act on carries a backslash
    assert not re.search(r"(?<!\\)[!\[\]()*<>$#]", escaped), escaped


def test_the_map_page_shows_hostile_names_as_text():
    at = AppTest.from_file(str(ROUTER), default_timeout=60)
    at.session_state["model"] = hostile_chain()
    at.query_params["focus"] = "ho-politie-vt"
    at.run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "![img](http" not in shown  # the hand-off named like a markdown image
    assert "\\!\\[img\\]" in shown
    assert "<img src=x" not in shown


def test_offline_html_escapes_what_it_embeds():
    model = hostile_chain()
    page = map_html(model, map_view(model), title="</script><!--<script>")
    data_block = re.search(r'<script type="application/json" id="kk-data">(.*?)</script>', page, re.DOTALL).group(1)
    assert "<" not in data_block and ">" not in data_block
    assert "\\u0026lt;!--\\u0026lt;script\\u0026gt;" in data_block  # XML-escaped in the SVG, then for the script
    assert page.count("<script") == page.count("</script>") == 3
    assert "&lt;/script&gt;&lt;!--&lt;script&gt;" in page
    assert script_json("\u2028") == '"\\u2028"'
