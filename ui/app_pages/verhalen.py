"""Casusverhalen: case stories for trainers, step by step on the map, with handouts."""

from __future__ import annotations

import streamlit as st

from graph.stories import AUDIENCES
from ui import links
from ui.components.legend import legend_html
from ui.components.storyplayer import story_player
from ui.details import open_details, sources_block
from ui.exports.story import story_html, story_pdf
from ui.plain import md
from ui.state import chain, glossary_terms, lang, map_texts, present, t
from ui.storyload import stories, story_problems
from ui.storyview import player_data, story_sources, story_view

current = chain()
model = current.model
language = lang()
presenting = present()
available = stories(model)
by_id = {s.id: s for s in available}

PARAMS = [links.Param("verhaal", "story_id", "str", None, allowed=list(by_id)),
          links.Param("stap", "story_step", "int", 1, low=1)]
# While a story plays, the player knows the step (the address may lag a keypress behind);
# the address decides when a story is opened or the page is (re)loaded.
playing = st.session_state.get("story_id")
links.read(PARAMS[:1])
if st.session_state.get("story_id") != playing or "story_step" not in st.session_state:
    links.read(PARAMS[1:])
story = by_id.get(st.session_state.get("story_id") or "")
shared = links.link(taal="en" if language == "en" else None, presentatie="1" if presenting else None)


def audience(story) -> str:
    return ", ".join(AUDIENCES[a][1 if language == "en" else 0] for a in story.audience if a in AUDIENCES)


if story is None:
    st.session_state["story_step"] = 1
    links.write(PARAMS)
    st.title(t("nav.stories"))
    if not presenting:
        st.caption(t("story.intro"))
    if not available:
        st.info(t("story.none"))
    for item in available:
        with st.container(border=True):
            st.subheader(item.text("title", language), anchor=False)
            st.caption(t("story.meta", audience=audience(item), n=len(item.steps)))
            if item.summary:
                st.markdown(md(item.text("summary", language)))
            st.page_link("app_pages/verhalen.py", label=t("story.start"),
                         query_params={"verhaal": item.id, "stap": "1", **shared})
    problems = story_problems(model)
    if problems and not presenting:
        with st.expander(t("story.problems", n=len(problems))):
            st.caption(t("story.problems_help"))
            st.code("\n".join(str(p) for p in problems), language=None)
    st.stop()

steps = len(story.steps)
step = min(int(st.session_state.get("story_step") or 1), steps)
st.session_state["story_step"] = step
top, back = st.columns([5, 1], vertical_alignment="bottom")
top.title(story.text("title", language))
back.page_link("app_pages/verhalen.py", label=t("story.all"), query_params={"verhaal": "", **shared})
if not presenting:
    st.caption(t("story.meta", audience=audience(story), n=steps))


@st.cache_data(max_entries=32, show_spinner=False)
def _player(_model, cache_key: str, story_id: str, language: str) -> tuple[dict, str]:
    chosen = by_id[story_id]
    return player_data(_model, chosen, language), legend_html(story_view(_model, chosen, 0, language,
                                                                         glossary_terms(language)))


data, legend = _player(model, str(id(model)), story.id, language)
event = story_player(data, key="story_player", index=step - 1, present=presenting, legend=legend, text={
    **map_texts(), "prev": t("story.prev"), "next": t("story.next"), "step_of": t("story.step_of"),
    "question": t("story.question"), "sources": t("detail.sources"), "link": t("story.link"),
    "steps": t("story.steps")}, on_step=lambda n: st.session_state.update(story_step=max(1, min(n, steps))))
links.write(PARAMS)
if event.clicked and event.clicked in model.index:
    open_details(model, event.clicked)
if presenting:
    st.stop()

st.divider()
st.caption(t("export.label"))
title = story.text("title", language)
c1, c2, c3 = st.columns(3)
shown = story  # never None here; a lambda does not see that of a module name that can be reassigned
c1.download_button(t("story.pdf_steps"), data=lambda: story_pdf(model, shown, lang=language), mime="application/pdf",
                   file_name=f"verhaal-{story.id}.pdf", key="story_pdf", on_click="ignore")
c2.download_button(t("story.pdf_compact"), data=lambda: story_pdf(model, shown, lang=language, compact=True),
                   mime="application/pdf", file_name=f"verhaal-{story.id}-kort.pdf", key="story_pdf_compact",
                   on_click="ignore")
c3.download_button(t("story.html"), data=lambda: story_html(model, shown, lang=language), mime="text/html",
                   file_name=f"verhaal-{story.id}.html", key="story_html", on_click="ignore")
if story.summary:
    st.markdown(f"**{t('story.about')}**  \n{md(story.text('summary', language))}")
sources_block(model, story_sources(model, story), t("detail.sources"))
