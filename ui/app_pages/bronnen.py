"""Bronnen: every source and legal basis, with what rests on it."""

from __future__ import annotations

import streamlit as st

from ui.mapview import resting_on
from ui.state import chain, lang, name_of, t, table_downloads

current = chain()
model = current.model
language = lang()

st.title(t("nav.sources"))
st.caption(t("src.intro"))
needle = st.text_input(t("src.search"), key="src_search").strip().lower()


def names(ids: tuple[str, ...]) -> str:
    return "; ".join(name_of(model.index[i], language) for i in ids)


def status(value: str) -> str:
    return t("detail.unverified") if value == "unverified" else ("verified" if language == "en" else "geverifieerd")


def matches(*values: object) -> bool:
    return not needle or any(needle in str(v).lower() for v in values if v)


legal_rows = [{
    t("col.name"): lb.name,
    t("col.title"): lb.title or "",
    t("src.rests"): names(resting_on(model, lb.id)),
    t("col.link"): lb.url or "",
    t("col.status"): status(lb.status.value),
    t("col.id"): lb.id,
} for lb in model.legal_bases if matches(lb.id, lb.name, lb.title)]
source_rows = [{
    t("col.title"): s.title,
    t("col.kind"): s.kind.value,
    t("src.rests"): names(resting_on(model, s.id)),
    t("col.link"): s.url or (s.file or ""),
    t("col.status"): status(s.status.value),
    t("col.id"): s.id,
} for s in model.sources if matches(s.id, s.title, s.url, s.file, s.publisher)]

link_config = {t("col.link"): st.column_config.LinkColumn(t("col.link"))}
tab_legal, tab_sources = st.tabs([f"{t('src.legal')} ({len(legal_rows)})", f"{t('src.sources')} ({len(source_rows)})"])
with tab_legal:
    st.dataframe(legal_rows, hide_index=True, width="stretch", column_config=link_config)
    table_downloads(legal_rows, "grondslagen", key="src_legal")
with tab_sources:
    st.dataframe(source_rows, hide_index=True, width="stretch", column_config=link_config)
    table_downloads(source_rows, "bronnen", key="src_sources")
