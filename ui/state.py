"""Shared state of the UI: the model, the language, the glossary.

The model from files is loaded once per process (``st.cache_resource``) and
never mutated. With ``NEO4J_URI`` set the model comes from the shared store:
every run asks the store for its stamp (one small query on a cached driver)
and reads the chain again only when the stamp changed, so a colleague's push
shows up on the next interaction. Tests inject another model by putting it
in ``st.session_state["model"]`` before the page runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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

if TYPE_CHECKING:  # pragma: no cover
    from loaders.neo4j import Neo4jStore, Stamp

__all__ = [
    "LANG_KEY",
    "PRESENT_KEY",
    "Chain",
    "GlossaryTerm",
    "chain",
    "format_moment",
    "glossary",
    "lang",
    "name_of",
    "present",
    "show_table",
    "store_notice",
    "t",
    "table_downloads",
]

LANG_KEY = "taal"  # the widget key and the address parameter (?taal=en)
PRESENT_KEY = "presentatie"  # ?presentatie=1


@dataclass(frozen=True)
class Chain:
    """What every page works on: the model, where it was read from and, from Neo4j, its stamp."""

    model: ChainModel
    source: str = "files"  # "files" or "neo4j" (see loaders.load.SOURCES)
    stamp: Stamp | None = None


@st.cache_resource(show_spinner=False)
def _load_default(data_dir: str) -> Chain:
    return Chain(model=load_chain("files", Settings.from_env(), Path(data_dir)))


def _close(store: Neo4jStore) -> None:
    store.close()


# The password is read inside, never part of a cache key; the driver is closed when released.
@st.cache_resource(show_spinner=False, max_entries=4, ttl=dt.timedelta(hours=1), on_release=_close)
def _store(uri: str, user: str, database: str | None) -> Neo4jStore:
    from loaders.neo4j import Neo4jStore

    return Neo4jStore.connect(uri, user, Settings.from_env().neo4j_password, database)


# One entry per state of the store (stamp key); the previous one is released after a push.
@st.cache_resource(show_spinner=False, max_entries=2)
def _shared_chain(uri: str, user: str, database: str | None, key: tuple[int, str]) -> Chain:
    model, stamp = _store(uri, user, database).read_chain()
    return Chain(model=model, source="neo4j", stamp=stamp)


def _from_store(settings: Settings) -> Chain:
    assert settings.neo4j_uri is not None
    args = (settings.neo4j_uri, settings.neo4j_user, settings.neo4j_database)
    stamp = _store(*args).read_stamp()
    if stamp is None:
        raise ChainError("the Neo4j database holds no chain yet: run `ketenkaart neo4j push` first")
    current = _shared_chain(*args, stamp.key)
    seen = st.session_state.get("neo4j_seen")
    st.session_state["neo4j_seen"] = current.stamp.key if current.stamp else None
    st.session_state["neo4j_reloaded"] = seen is not None and current.stamp is not None and seen != current.stamp.key
    return current


def chain() -> Chain:
    """The chain for this session: an injected one (tests), the shared store's, or the files'."""
    injected = st.session_state.get("model")
    if isinstance(injected, ChainModel):
        return _injected(injected)
    settings = Settings.from_env()
    if settings.neo4j_uri:
        return _from_store(settings)
    return _load_default(str(settings.data_dir))


def _injected(model: ChainModel) -> Chain:
    return Chain(model=model)


_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}
_AT = {"nl": "om", "en": "at"}


def format_moment(moment: dt.datetime, language: str = "nl") -> str:
    """A moment as people in the Netherlands read it, in Dutch or English.

    >>> format_moment(dt.datetime(2026, 3, 3, 13, 5, tzinfo=dt.timezone.utc))
    '3 maart 2026 om 14:05'
    >>> format_moment(dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.timezone.utc), "en")
    '1 July 2026 at 10:00'
    """
    try:
        local = moment.astimezone(ZoneInfo("Europe/Amsterdam"))
        zone = ""
    except ZoneInfoNotFoundError:  # pragma: no cover - a system without time zone data
        local, zone = moment.astimezone(dt.UTC), " UTC"
    return f"{local.day} {_MONTHS[language][local.month - 1]} {local.year} {_AT[language]} {local:%H:%M}{zone}"


def store_notice(current: Chain, language: str) -> tuple[str, bool] | None:
    """``("kaart bijgewerkt op …", reloaded)`` for a chain from the store, else None;
    ``reloaded`` is true on the run that picked up a newer push."""
    if current.stamp is None:
        return None
    notice = text("app.neo4j_stamp", language, when=format_moment(current.stamp.pushed_at, language),
                  by=current.stamp.pushed_by)
    return notice, bool(st.session_state.get("neo4j_reloaded"))


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
    notice = store_notice(current, lang())
    if notice is not None:
        line += " · " + notice[0]
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
