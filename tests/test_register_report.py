"""The report "Overzicht bevindingen Doorbraakteam" for the demo register: the PDF renders (pages drawn with
pdftoppm), holds no casus-level text (checked on the PDF's own text), suppresses small counts, and the DOCX
says the same; the map hook puts a map into both formats; the queries behind it and the evidence for why."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import time
import zipfile

import pytest

from loaders.load import load_model
from loaders.register.demo import seed_demo
from loaders.register.repository import Register
from queries.evidence import collect_evidence
from queries.explain import explain_handoff
from queries.register.aggregates import element_findings
from queries.register.board import follow_up_board
from queries.register.evidence import RegisterEvidence
from queries.register.report import overview
from tests.e2e.plugin import ARTIFACTS
from ui.exports.register_report import render_report

MODEL = load_model()
START, END = dt.date(2025, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    reg = Register.open(f"sqlite:///{tmp_path_factory.mktemp('report') / 'register.sqlite'}")
    seed_demo(reg, MODEL)
    yield reg
    reg.close()


@pytest.fixture(scope="module")
def content(demo):
    return overview(demo.snapshot(), MODEL, START, END, today=dt.date(2026, 12, 2))


@pytest.fixture(scope="module")
def pdf(content, tmp_path_factory):
    began = time.perf_counter()
    data = render_report(content, "pdf", model=MODEL)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "register-report-timing.txt").write_text(
        f"report PDF for the demo register: {time.perf_counter() - began:.2f} s, {len(data)} bytes\n")
    path = tmp_path_factory.mktemp("pdf") / "overzicht.pdf"
    path.write_bytes(data)
    shutil.copy(path, ARTIFACTS / "register-report-demo.pdf")
    return path


def casus_level_texts(reg: Register) -> list[str]:
    """Everything that is casus detail: codes, descriptions, evidence, casus-level agreements."""
    found = []
    for c in reg.snapshot().casussen:
        found.append(c.code)
        for k in c.knelpunten:
            found += [k.description, k.evidence]
            found += [a.what for a in k.agreements if a.level.value == "casus"]
    return [t for t in found if t]


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_the_pdf_renders_page_by_page(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    for page in pages:
        assert page.stat().st_size > 5_000
        shutil.copy(page, ARTIFACTS / f"register-report-{page.name}")


def test_the_pdf_holds_no_casus_level_text(pdf, demo):
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    for detail in casus_level_texts(demo):
        assert re.sub(r"\s+", " ", detail)[:40] not in text, detail
    assert "DBT-" not in text


def test_the_pdf_looks_like_a_municipal_document_and_suppresses_small_counts(pdf, content):
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", " ", text)
    assert "Gemeente Den Haag" in flat and "Overzicht bevindingen Doorbraakteam Huiselijk Geweld" in flat
    assert "1 januari 2025 – 31 december 2026" in flat and "2 december 2026" in flat
    assert "CONCEPT" in flat and "FICTIEF DEMOREGISTER" in flat
    assert "pagina 1 van" in flat
    for heading in ("1. Samenvatting", "2. Waar casussen vastliepen", "Knelpunten per categorie",
                    "Knelpunten per overdracht", "3. Systeemknelpunten", "4. Afspraken en stand van zaken"):
        assert heading in flat
    assert "<5" in flat
    for row in content.handoffs + content.other_elements:  # no count from 1 to 4 is shown as a number
        assert row.casussen.value is None or row.casussen.value >= 5
    assert "rijk" in flat and "regelgeving" in flat  # systeemknelpunten with their level


def test_the_docx_says_the_same_without_casus_detail(content, demo):
    data = render_report(content, "docx", model=MODEL)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", xml)
    assert "Overzicht bevindingen Doorbraakteam Huiselijk Geweld" in text and "Systeemknelpunten" in text
    for detail in casus_level_texts(demo):
        assert detail[:40] not in text, detail


def test_the_map_hook_puts_the_map_into_both_formats(content):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" '
           'fill="#eef"/><line x1="20" y1="100" x2="380" y2="100" stroke="#c00" stroke-width="8"/></svg>')
    with_map = render_report(content, "pdf", model=MODEL, map_svg=svg)
    assert b"/Subtype /Image" in with_map
    docx = render_report(content, "docx", model=MODEL, map_svg=svg)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())
    assert content.highlights()["huisverbod-hulpverlening-vt"] == "6"


def test_the_report_draws_the_chain_map_with_the_handoffs_where_cases_stalled(content):
    from ui.exports.register_report import chain_map_svg
    from ui.mapview import HIGHLIGHT

    drawn = chain_map_svg(MODEL, content.highlights())
    assert drawn is not None and drawn.startswith("<svg")
    # every hand-off the register found is marked in the map's highlight colour, nothing else is
    marked = set(re.findall(r'class="[^"]*kk-marked[^"]*" data-id="([^"]+)"', drawn))
    assert marked == set(content.highlights()) & {h.id for h in MODEL.handoffs}
    assert HIGHLIGHT in drawn
    assert b"/Subtype /Image" in render_report(content, "pdf", model=MODEL)
    assert chain_map_svg(MODEL, {}) is None


def test_members_see_true_counts_lezers_suppressed(demo):
    snap = demo.snapshot()
    member = {f.element: f.casussen.label for f in element_findings(snap, suppressed=False)}
    lezer = {f.element: f.casussen.label for f in element_findings(snap)}
    assert member["vt-overdracht-lokaal-team"] == "4" and lezer["vt-overdracht-lokaal-team"] == "<5"
    assert member["huisverbod-hulpverlening-vt"] == lezer["huisverbod-hulpverlening-vt"] == "6"


def test_the_follow_up_board_puts_overdue_first(demo):
    board = follow_up_board(demo.snapshot(), dt.date(2026, 12, 2))
    overdue = [i.overdue for i in board]
    assert overdue == sorted(overdue, reverse=True) and overdue[0]
    days = [i.days for i in board if i.overdue and i.days is not None]
    assert len(days) == sum(overdue) and days == sorted(days)  # every overdue item counts its days
    assert all(i.agreement.status.open for i in board)
    finished = follow_up_board(demo.snapshot(), dt.date(2026, 12, 2), finished=True)
    assert len(finished) > len(board) and not finished[-1].agreement.status.open


def test_the_evidence_reaches_why_and_never_confirms_from_the_demo(demo):
    provider = RegisterEvidence(demo.snapshot(), MODEL)
    (item,) = collect_evidence([provider], "huisverbod-hulpverlening-vt")
    assert item.kind == "register" and item.categories[0].value == "weigering-geen-drang"
    assert item.note_nl is not None
    assert item.note_nl.startswith("In 6 besproken casussen stokte deze overdracht, 6× weigering / geen drang")
    assert "FICTIEF" in item.note_nl and item.confirms is False
    assert (item.period_start, item.period_end) == (dt.date(2025, 9, 8), dt.date(2026, 10, 12))
    explained = explain_handoff(MODEL, "huisverbod-hulpverlening-vt", evidence=[provider])
    assert item in explained.evidence and "register:doorbraakteam" in explained.sources
    (org,) = provider.evidence_for("wpg-art-19")
    assert org.note_nl is not None
    assert "liep het vast op deze grondslag" in org.note_nl
