"""Woordenlijst: the glossary of abbreviations and terms."""

from __future__ import annotations

import streamlit as st

from ui.state import glossary, lang, t, table_downloads

language = lang()
st.title(t("nav.glossary"))
st.caption(t("gl.intro"))
rows = [{
    t("gl.term"): g.term,
    t("col.name"): g.full_en if language == "en" else g.full_nl,
    t("gl.meaning"): g.en if language == "en" else g.nl,
    t("gl.source"): g.source,
} for g in glossary()]
st.dataframe(rows, hide_index=True, width="stretch",
             column_config={t("gl.source"): st.column_config.TextColumn(t("gl.source"))})
table_downloads(rows, "woordenlijst", key="gl_table")
