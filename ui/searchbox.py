"""The one search box at the top of every page: type a name, an abbreviation, a word from a
description; Enter jumps straight to the element when one stands out, else the hits are listed,
each a link that opens it on the map. The searching itself is :func:`ui.search.search`."""

from __future__ import annotations

import streamlit as st

from graph.model import ChainModel
from ui import links
from ui.i18n import kind_name
from ui.plain import md
from ui.search import GlossaryEntry, Hit, search, suggestions
from ui.state import glossary, lang, present, t

__all__ = ["QUERY_KEY", "jump_target", "search_box"]

QUERY_KEY = "zoek"
_JUMP = "_search_jump"
_FIELDS = {"abbreviation": "search.f_abbreviation", "alias": "search.f_alias", "glossary": "search.f_glossary",
           "description": "search.f_description", "trigger": "search.f_trigger", "failure": "search.f_failure",
           "source": "search.f_source"}


def _glossary() -> list[GlossaryEntry]:
    return [GlossaryEntry(g.term, g.full_nl, g.full_en) for g in glossary()]


def _hits(model: ChainModel, query: str) -> list[Hit]:
    return search(model, query, lang(), _glossary(), limit=8)


def _on_enter(model: ChainModel) -> None:
    query = (st.session_state.get(QUERY_KEY) or "").strip()
    if not query:
        return
    hits = _hits(model, query)
    strong = [h for h in hits if h.score >= 90]
    if len(strong) == 1 or (strong and (len(hits) == 1 or hits[0].score - hits[1].score >= 15)):
        st.session_state[_JUMP] = strong[0].id
        st.session_state[QUERY_KEY] = ""


def jump_target() -> str | None:
    """The element to jump to after Enter in the search box (once), else None."""
    return st.session_state.pop(_JUMP, None)


def search_box(model: ChainModel) -> None:
    """Draw the search box and, while it holds a query, the hits as links."""
    st.text_input(t("search.label"), key=QUERY_KEY, placeholder=t("search.placeholder"),
                  label_visibility="collapsed", on_change=_on_enter, args=(model,), help=t("search.help"))
    query = (st.session_state.get(QUERY_KEY) or "").strip()
    if not query:
        return
    hits = _hits(model, query)
    language = lang()
    shared = links.link(taal=language if language != "nl" else None, presentatie="1" if present() else None)
    with st.container(border=True, key="kk_search_results"):
        if not hits:
            close = suggestions(model, query, language)
            st.markdown(t("search.none", query=md(query)) + (" " + t("search.maybe", names=", ".join(md(c) for c in close))
                                                              if close else ""))
            return
        for hit in hits:
            where = _FIELDS.get(hit.field)
            detail = f" — {t(where)}: {md(hit.snippet)}" if where else ""
            st.page_link("app_pages/kaart.py", label=f"**{md(hit.name)}** · {kind_name(hit.kind, language)}{detail}",
                         query_params={"focus": hit.id, "weergave": "alles", **shared})
