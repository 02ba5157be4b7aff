"""Entry point: the language toggle, the data banner and the page router. No logic."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from ui.register_auth import register_pages
from ui.state import chain, practice_available, t

st.set_page_config(page_title="Ketenkaart", layout="wide")

st.sidebar.toggle("English", key="lang_en", help="Nederlands / English")

PAGES = [
    st.Page("app_pages/kaart.py", title=t("nav.map"), url_path="kaart", default=True),
    st.Page("app_pages/routes.py", title=t("nav.routes"), url_path="routes"),
    st.Page("app_pages/knelpunten.py", title=t("nav.bottlenecks"), url_path="knelpunten"),
    st.Page("app_pages/waarom.py", title=t("nav.why"), url_path="waarom"),
    st.Page("app_pages/wat_als.py", title=t("nav.whatif"), url_path="wat-als"),
    st.Page("app_pages/zaaklog.py", title=t("nav.own_log"), url_path="zaaklog"),
    st.Page("app_pages/bronnen.py", title=t("nav.sources"), url_path="bronnen"),
    st.Page("app_pages/woordenlijst.py", title=t("nav.glossary"), url_path="woordenlijst"),
]
page = st.navigation({"": PAGES, t("nav.reg_section"): register_pages()}, expanded=True)  # + the register

try:
    current = chain()
except ChainError as exc:
    st.error(t("error.data"))
    st.code(str(exc), language=None)
    st.stop()
if practice_available(current):
    st.sidebar.toggle(t("app.practice"), key="practice_on", help=t("app.practice_help"))
st.sidebar.caption(t("app.loaded", title=current.model.title or current.model.region,
                     orgs=len(current.model.organisations), handoffs=len(current.model.handoffs)))
if current.source == "neo4j":
    st.sidebar.caption(t("app.backend_neo4j"))

page.run()
