"""Entry point: the page router, and what every page shares: the language, presentation mode and
the search box at the top, the data line at the bottom. No logic."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from ui import links
from ui.present import page_css
from ui.register_auth import register_pages
from ui.searchbox import jump_target, search_box
from ui.state import LANG_KEY, PRESENT_KEY, chain, data_line, lang, present, store_notice, t

st.set_page_config(page_title="Ketenkaart", layout="wide", initial_sidebar_state="collapsed")

SHARED = [links.Param("taal", LANG_KEY, "str", "nl", allowed=("nl", "en")),
          links.Param("presentatie", PRESENT_KEY, "bool", False)]
links.read(SHARED)

PAGES = [
    st.Page("app_pages/kaart.py", title=t("nav.map"), url_path="kaart", default=True),
    st.Page("app_pages/verhalen.py", title=t("nav.stories"), url_path="verhalen"),
    st.Page("app_pages/routes.py", title=t("nav.routes"), url_path="routes"),
    st.Page("app_pages/knelpunten.py", title=t("nav.bottlenecks"), url_path="knelpunten"),
    st.Page("app_pages/waarom.py", title=t("nav.why"), url_path="waarom"),
    st.Page("app_pages/wat_als.py", title=t("nav.whatif"), url_path="wat-als"),
    st.Page("app_pages/zaaklog.py", title=t("nav.own_log"), url_path="zaaklog"),
    st.Page("app_pages/bronnen.py", title=t("nav.sources"), url_path="bronnen"),
    st.Page("app_pages/woordenlijst.py", title=t("nav.glossary"), url_path="woordenlijst"),
]
# the chain pages, then the Doorbraakteam's register (its pages ask for a login)
page = st.navigation({"": PAGES, t("nav.reg_section"): register_pages()}, position="top")
links.entered(page.url_path, keep=[p.name for p in SHARED])

try:
    current = chain()
except ChainError as exc:
    st.error(t("error.data"))
    st.code(str(exc), language=None)
    st.stop()
notice = store_notice(current, lang())
if notice is not None and notice[1]:  # a colleague pushed since this session's last run
    st.toast(notice[0])

LANGUAGES = {"nl": "Nederlands", "en": "English"}
# In presentation mode the search box is hidden and the controls are larger: they get its room.
find, language_choice, presenting = st.columns([2, 2.2, 2.4] if present() else [6, 1.6, 1.8],
                                               vertical_alignment="center")
with find:
    search_box(current.model)
language_choice.segmented_control(t("app.language"), ["nl", "en"], key=LANG_KEY, label_visibility="collapsed",
                                  format_func=LANGUAGES.__getitem__, required=True,
                                  persist_state="session")
presenting.toggle(t("map.present"), key=PRESENT_KEY, help=t("map.present_help"), persist_state="session")
st.html(page_css(present()))
links.write(SHARED)

target = jump_target()
if target is not None:
    st.switch_page("app_pages/kaart.py", query_params=links.link(focus=target, weergave="alles",
                                                                 taal=lang() if lang() != "nl" else None,
                                                                 presentatie="1" if present() else None))

page.run()
st.html(f'<p class="kk-footer">{data_line(current)}</p>')
