"""Shared state of the UI: the cached model, the language, the glossary.

The model is loaded once per process (``st.cache_resource``) and never
mutated. Tests inject another model by putting it in
``st.session_state["model"]`` before the page runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

from graph.errors import ChainError
from graph.model import ChainModel
from graph.settings import Settings
from graph.text import element_name
from loaders import resources
from loaders.load import load_chain
from loaders.resources import builtin_path
from ui.i18n import text

__all__ = [
    "LANG_KEY",
    "PRESENT_KEY",
    "Chain",
    "GlossaryTerm",
    "chain",
    "glossary",
    "lang",
    "name_of",
    "present",
    "show_table",
    "t",
    "table_downloads",
]

LANG_KEY = "taal"  # the widget key and the address parameter (?taal=en)
PRESENT_KEY = "presentatie"  # ?presentatie=1



@dataclass(frozen=True)
class Chain:
    """What every page works on: the model and where it was read from."""

    model: ChainModel
    source: str = "files"  # "files" or "neo4j" (see loaders.load.SOURCES)


@st.cache_resource(show_spinner=False)
def _load_default(data_dir: str, neo4j_uri: str | None) -> Chain:
    settings = Settings.from_env()
    if neo4j_uri:
        return Chain(model=load_chain("neo4j", settings), source="neo4j")
    return Chain(model=load_chain("files", settings, Path(data_dir)))


def chain() -> Chain:
    """The chain for this session: an injected one (tests) or the cached default."""
    injected = st.session_state.get("model")
    if isinstance(injected, ChainModel):
        return _injected(injected)
    settings = Settings.from_env()
    return _load_default(str(settings.data_dir), settings.neo4j_uri)


def _injected(model: ChainModel) -> Chain:
    return Chain(model=model)


def lang() -> str:
    """``"en"`` when English is chosen (``?taal=en``), else ``"nl"``."""
    return "en" if st.session_state.get(LANG_KEY) == "en" else "nl"


def data_version(model: ChainModel) -> str:
    """A short fingerprint of the chain data: equal data, equal version (shown on pages and handouts)."""
    import hashlib

    return model.view.memo("ui.data_version", lambda: hashlib.sha1(repr(model).encode("utf-8")).hexdigest()[:8])


def data_line(current: Chain) -> str:
    """The data the app shows, as an escaped HTML line: title, counts and version."""
    from html import escape

    model = current.model
    line = t("app.loaded", title=model.title or model.region, orgs=len(model.organisations),
             handoffs=len(model.handoffs)) + " · " + t("app.version", version=data_version(model))
    if current.source == "neo4j":
        line += " · " + t("app.backend_neo4j")
    return escape(line)


def map_texts() -> dict[str, str]:
    """The words on the map's toolbar, in the current language."""
    return {"fit": t("map.fit"), "zoom_in": t("map.zoom_in"), "zoom_out": t("map.zoom_out"), "hint": t("map.hint"),
            "aria": t("map.aria")}


def present() -> bool:
    """Whether presentation mode is on (``?presentatie=1``)."""
    return bool(st.session_state.get(PRESENT_KEY))


def t(key: str, **values: object) -> str:
    return text(key, lang(), **values)


def name_of(element: Any, language: str | None = None) -> str:
    """Display name of a model element in the current language."""
    return element_name(element, language or lang())


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    nl: str
    en: str
    source: str
    full_nl: str = ""
    full_en: str = ""


@st.cache_data(show_spinner=False)
def glossary() -> tuple[GlossaryTerm, ...]:
    """The glossary from the built-in glossary."""
    raw = yaml.safe_load(builtin_path(resources.GLOSSARY).read_text(encoding="utf-8")) or {}
    terms = [GlossaryTerm(term=item["term"], nl=item["nl"], en=item["en"], source=item["source"],
                          full_nl=item.get("full_nl", ""), full_en=item.get("full_en", ""))
             for item in raw.get("terms", [])]
    return tuple(sorted(terms, key=lambda g: g.term.lower()))


def glossary_terms(language: str | None = None) -> dict[str, str]:
    """Glossary abbreviations and what they stand for, for the map legend."""
    en = (language or lang()) == "en"
    return {g.term: (g.full_en if en else g.full_nl) for g in glossary() if (g.full_en if en else g.full_nl)}


def glossary_help(*terms: str) -> str | None:
    """Tooltip text explaining the given glossary terms in the current language."""
    found = {g.term: g for g in glossary()}
    lines = []
    for term in terms:
        g = found.get(term)
        if g:
            full = g.full_en if lang() == "en" else g.full_nl
            lines.append(f"**{g.term}**{' (' + full + ')' if full else ''}: {g.en if lang() == 'en' else g.nl}")
    return "\n\n".join(lines) or None


def table_downloads(rows: list[dict], stem: str, key: str) -> None:
    """CSV and JSON download buttons for a table (a list of flat dicts); the CSV cannot run formulas."""
    from ui.tables import csv_bytes, json_bytes

    if not rows or present():
        return
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(t("export.csv"), csv_bytes(rows), file_name=f"{stem}.csv",
                         mime="text/csv", key=f"{key}_csv", on_click="ignore")
    right.download_button(t("export.json"), json_bytes(rows),
                          file_name=f"{stem}.json", mime="application/json", key=f"{key}_json", on_click="ignore")


def show_table(rows: list[dict], *, key: str | None = None, **options) -> object:
    """A table: a data grid normally, a plain HTML table in presentation mode (it grows with the text)."""
    if present():
        if rows:
            st.table(rows)
        return None
    return st.dataframe(rows, hide_index=True, width="stretch", key=key, **options)


def show_error(exc: ChainError) -> None:
    """The one place a page turns a ChainError into a message."""
    st.error(str(exc))


SAMPLE_LOG = builtin_path(resources.SAMPLE_LOG)
SAMPLE_MAPPING = builtin_path(resources.SAMPLE_MAPPING)


def practice_available(current: Chain) -> bool:
    """Whether the shipped synthetic case log can be measured against this chain."""
    return SAMPLE_LOG.exists() and SAMPLE_MAPPING.exists()


@st.cache_resource(show_spinner=False, max_entries=2, hash_funcs={ChainModel: id})
def _practice_report(model: ChainModel, threshold: int):
    from queries.cases.stats import analyse_log

    return analyse_log(SAMPLE_LOG, mapping_path=SAMPLE_MAPPING, model=model, threshold=threshold,
                       memory_limit="512MB")


def practice_report(current: Chain):
    """The measured practice of the shipped synthetic log, when the practice toggle is on; else None."""
    if not st.session_state.get("practice_on") or not practice_available(current):
        return None
    try:
        return _practice_report(current.model, Settings.from_env().suppression_threshold)
    except (ChainError, ImportError, OSError):
        return None


def practice_evidence(current: Chain) -> tuple:
    """The evidence providers beyond the curated data: the shipped synthetic log when the practice toggle is on,
    the summary of an own log the user chose to keep for this session (never the log itself), and the
    Doorbraakteam register when the user is logged in to it."""
    from queries.cases.evidence import PracticeEvidence

    providers = []
    report = practice_report(current)
    if report is not None:
        providers.append(PracticeEvidence(report))
    kept = st.session_state.get("own_log_report")
    if kept is not None:
        providers.append(PracticeEvidence(kept))
    from ui.register_auth import evidence_providers  # imports this module: not at the top

    providers.extend(evidence_providers(current.model))  # the Doorbraakteam register, when logged in
    return tuple(providers)


def practice_figures(current: Chain) -> tuple[dict[str, str], dict[str, int | None]]:
    """Per hand-off figure texts and case volumes for the map (suppressed, marked synthetic); empty when off."""
    report = practice_report(current)
    if report is None:
        return {}, {}
    from queries.cases.stats import handoff_figures
    from ui.mapview import figure_texts

    figures = handoff_figures(report)
    return figure_texts(figures, lang()), {f.handoff_id: f.volume for f in figures}
