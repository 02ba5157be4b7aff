"""Woordenlijst: the glossary of abbreviations and terms."""

from __future__ import annotations

import streamlit as st

from ui import links
from ui.plain import md, source_html
from ui.state import chain, glossary, lang, present, t, table_downloads

language = lang()
en = language == "en"
st.title(t("nav.glossary"))
if not present():
    st.caption(t("gl.intro"))
PARAMS = [links.Param("zoek", "gl_search", "str", "")]
links.read(PARAMS)
needle = st.text_input(t("src.search"), key="gl_search", persist_state="session").strip().lower()
links.write(PARAMS)
terms = [g for g in glossary()
         if not needle or any(needle in v.lower() for v in (g.term, g.full_nl, g.full_en, g.nl, g.en))]


seeds = {s.file: s.id for s in chain().model.sources if s.file}


def source_link(source: str) -> str:
    if source.startswith(("https://", "http://")):
        return f"[{t('gl.source').lower()}]({source.replace(')', '%29').replace(' ', '%20')})"
    if source in seeds:  # a founding document: its title, the file name in the tooltip
        return f"{t('gl.source').lower()}: {source_html(chain().model, seeds[source], language)}"
    return f"{t('gl.source').lower()}: {md(source)}"


for g in terms:
    full = g.full_en if en else g.full_nl
    meaning = g.en if en else g.nl
    st.markdown(f"**{g.term}** — _{md(full)}_  \n{md(meaning)} ({source_link(g.source)})", unsafe_allow_html=True)

rows = [{t("gl.term"): g.term, t("col.name"): g.full_en if en else g.full_nl,
         t("gl.meaning"): g.en if en else g.nl, t("gl.source"): g.source} for g in terms]
table_downloads(rows, "woordenlijst", key="gl_table")
