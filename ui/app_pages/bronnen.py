"""Bronnen: every source and legal basis, with what rests on it."""

from __future__ import annotations

import streamlit as st

from graph.model import SourceKind, Status
from ui import links
from ui.details import sources_block
from ui.mapview import resting_on
from ui.plain import date_words
from ui.state import chain, lang, name_of, present, show_table, t, table_downloads

current = chain()
model = current.model
language = lang()

st.title(t("nav.sources"))
if not present():
    st.caption(t("src.intro"))
PARAMS = [links.Param("zoek", "src_search", "str", "")]
links.read(PARAMS)
needle = st.text_input(t("src.search"), key="src_search", persist_state="session",
                       placeholder=t("src.search_placeholder")).strip().lower()
links.write(PARAMS)


def names(ids: tuple[str, ...]) -> str:
    return "; ".join(name_of(model.index[i], language) for i in ids)


def status(value: Status) -> str:
    return t("detail.unverified") if value is Status.UNVERIFIED else t("src.verified")


def matches(*values: object) -> bool:
    return not needle or any(needle in str(v).lower() for v in values if v)


legal = [lb for lb in model.legal_bases if matches(lb.name, lb.title)]
sources = [s for s in model.sources if matches(s.title, s.url, s.file, s.publisher)]
legal_rows = [{
    t("col.name"): lb.name,
    t("col.title"): lb.title or "",
    t("src.rests"): names(resting_on(model, lb.id)),
    t("col.link"): lb.url or "",
    t("col.status"): status(lb.status),
} for lb in legal]
source_rows = [{
    t("col.title"): s.title,
    t("col.kind"): t(f"src.kind.{s.kind.value}"),
    t("col.date"): date_words(s.date, language),
    t("src.rests"): names(resting_on(model, s.id)),
    t("col.link"): s.url or "",
    t("col.status"): status(s.status),
} for s in sources]

link_config = {t("col.link"): st.column_config.LinkColumn(t("col.link"))}
tab_legal, tab_sources = st.tabs([f"{t('src.legal')} ({len(legal_rows)})", f"{t('src.sources')} ({len(source_rows)})"])
with tab_legal:
    show_table(legal_rows, column_config=link_config)
    table_downloads(legal_rows, "grondslagen", key="src_legal")
with tab_sources:
    show_table(source_rows, column_config=link_config)
    table_downloads(source_rows, "bronnen", key="src_sources")
    seeds = [s.id for s in sources if s.kind is SourceKind.SEED]
    if seeds:
        sources_block(model, seeds, t("src.seeds"))
