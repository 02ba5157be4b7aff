"""The UI of issue 13 on Haaglanden: an own case log behind the privacy guard, and the Knelpunten and Waarom
pages saying what practice shows."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.settings import default_data_dir
from loaders.load import load_model
from loaders.resources import SAMPLE_LOG, builtin_path
from queries.bottlenecks import Severity
from queries.knelpunten import knelpunten

PAGES = Path(__file__).resolve().parent.parent / "ui" / "app_pages"
TIMEOUT = 60


@pytest.fixture(scope="module")
def haaglanden():
    return load_model(default_data_dir())


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Every temporary folder the page makes lands here, so the test can see it was removed."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def page(name: str, model, **state) -> AppTest:
    at = AppTest.from_file(str(PAGES / name), default_timeout=TIMEOUT)
    at.session_state["model"] = model
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def routed(name: str, model, **query) -> AppTest:
    """The page ``name`` opened through the app's router (its links need the router), the address holding
    ``query``."""
    at = AppTest.from_file(str(PAGES.parent / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.session_state["model"] = model
    at.run()
    at.switch_page(f"app_pages/{name}.py")
    at.query_params.update(query)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [s.value for s in at.success] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def test_a_log_with_identifiers_is_refused_naming_the_column_never_a_value(haaglanden, private_tmp):
    at = page("zaaklog.py", haaglanden)
    log = ("case_id,timestamp,activity,organisation,achternaam\n"
           "Z1,2024-01-02 10:00,Melding ontvangen,veilig-thuis-haaglanden,Jansen\n"
           "Z1,2024-01-03 10:00,Veiligheidsbeoordeling afgerond,veilig-thuis-haaglanden,Jansen\n")
    at.file_uploader(key="log_file_0").upload("log.csv", log.encode(), "text/csv").run()
    at.button(key="log_run").click().run()
    assert not at.exception
    body = texts(at)
    assert "achternaam" in body and "refused" in body
    assert "Jansen" not in body
    assert list(private_tmp.iterdir()) == []  # the upload is gone
    assert "own_log_report" not in at.session_state
    assert at.session_state["log_upload_n"] == 1  # a fresh uploader: the bytes are dropped


def test_a_clean_log_is_measured_suppressed_and_not_kept_unless_asked(haaglanden, private_tmp):
    sample = builtin_path(SAMPLE_LOG).read_bytes()
    at = page("zaaklog.py", haaglanden)
    at.file_uploader(key="log_file_0").upload("eigen.csv", sample, "text/csv").run()
    at.button(key="log_run").click().run()
    assert not at.exception
    body = texts(at)
    assert "Het bestand is verwijderd." in body and "synthetische log" in body
    table = at.dataframe[0].value
    assert "Zaken" in table.columns and len(table) > 0
    assert all(str(v) == "<5" or int(v) >= 5 for v in table["Zaken"])  # small cells suppressed
    assert list(private_tmp.iterdir()) == []
    assert "own_log_report" not in at.session_state  # nothing kept
    # asked to keep: only the summary figures stay, for the other pages of this session
    kept = page("zaaklog.py", haaglanden, log_keep=True)
    kept.file_uploader(key="log_file_0").upload("eigen.csv", sample, "text/csv").run()
    kept.button(key="log_run").click().run()
    report = kept.session_state["own_log_report"]
    assert report.synthetic and report.cases.value is not None
    assert list(private_tmp.iterdir()) == []


def test_knelpunten_page_on_haaglanden_leads_with_practice(haaglanden):
    at = routed("knelpunten", haaglanden)
    assert not at.exception
    body = texts(at).replace("\\", "")  # the page escapes Markdown in data texts
    ranking = knelpunten(haaglanden)
    hoog = ranking.count(Severity.HOOG)
    pct = f"{100 * ranking.share(Severity.HOOG):.1f}".replace(".", ",")
    assert f"Van de {ranking.elements} overdrachten en organisaties: **{hoog} hoog** ({pct}%)" in body
    table = at.dataframe[0].value
    assert hoog and list(table["Ernst"])[:hoog] == ["hoog"] * hoog
    assert all("uit de praktijk" in reason for reason in list(table["Reden"])[:hoog])


def test_waarom_page_on_haaglanden_gives_figures_dates_and_sources_first(haaglanden):
    at = routed("waarom", haaglanden, overdracht="vt-verzoek-onderzoek-rvdk")
    assert not at.exception
    body = texts(at).replace("\\", "")  # the page escapes Markdown in data texts
    assert "Ernst: **hoog**" in body
    first = body.index("Uit de praktijk")
    assert "gemiddelde wachttijd 4 tot 13 weken (landelijk, juni 2023)" in body[first:]
    assert body.index("Uit de praktijk") < body.index("**Wet**")
    assert "blijft de regie bij Veilig Thuis Haaglanden" in body
