"""Woordenlijst: the glossary of abbreviations and terms."""

from __future__ import annotations

import streamlit as st

from ui.state import glossary, lang, t, table_downloads

language = lang()
en = language == "en"
st.title(t("nav.glossary"))
st.caption(t("gl.intro"))

needle = st.text_input(t("src.search"), key="gl_search").strip().lower()
terms = [g for g in glossary()
         if not needle or any(needle in v.lower() for v in (g.term, g.full_nl, g.full_en, g.nl, g.en))]


def source_link(source: str) -> str:
    return f"[{t('gl.source').lower()}]({source})" if source.startswith("http") else f"{t('gl.source').lower()}: {source}"


for g in terms:
    full = g.full_en if en else g.full_nl
    meaning = g.en if en else g.nl
    st.markdown(f"**{g.term}** — _{full}_  \n{meaning} ({source_link(g.source)})")

rows = [{t("gl.term"): g.term, t("col.name"): g.full_en if en else g.full_nl,
         t("gl.meaning"): g.en if en else g.nl, t("gl.source"): g.source} for g in terms]
table_downloads(rows, "woordenlijst", key="gl_table")
