"""Routes: ranked routes between two elements, as steps, highlighted on the map."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError, NoRoute
from queries.routes import routes
from ui import links
from ui.components.chainmap import chain_map
from ui.details import open_details
from ui.exports.files import map_downloads
from ui.mapview import MapFilter, map_view
from ui.plain import md
from ui.state import (
    chain,
    glossary_help,
    glossary_terms,
    lang,
    map_texts,
    name_of,
    present,
    show_error,
    show_table,
    t,
    table_downloads,
)

current = chain()
model = current.model
language = lang()

st.title(t("nav.routes"))
if not present():
    st.caption(t("routes.intro"))

starts = [e.id for kind in ("signals", "organisations") for e in getattr(model, kind)]
ends = [e.id for kind in ("organisations", "instruments") for e in getattr(model, kind)]
default_start = next((s for s in starts if s.startswith("politie")), starts[0] if starts else None)
default_end = "kinderrechter" if "kinderrechter" in ends else (ends[0] if ends else None)
PARAMS = [links.Param("van", "routes_start", "str", default_start, allowed=starts),
          links.Param("naar", "routes_end", "str", default_end, allowed=ends),
          links.Param("max", "routes_max", "int", 6, low=1, high=10),
          links.Param("route", "routes_choice", "int", 1, low=1),
          links.Param("zoek", "routes_run", "bool", False),
          links.Param("informatie", "routes_info", "bool", False)]
links.read(PARAMS)


def label(element_id: str) -> str:
    return name_of(model.index[element_id], language) if element_id in model.index else element_id


@st.cache_data(max_entries=64, show_spinner=False)
def _routes(_model, cache_key: str, start: str, end: str, max_handoffs: int, flow: str = "case"):
    return routes(_model, start, end, max_handoffs=max_handoffs, flow=flow)


def _exists(start: str, end: str, max_handoffs: int) -> bool:
    """Whether a route exists once information hand-offs count too."""
    try:
        return bool(_routes(current.model, f"{id(current.model)}", start, end, max_handoffs, "all"))
    except NoRoute:
        return False


def _run() -> None:
    st.session_state["routes_run"] = True
    st.session_state["routes_choice"] = 1


c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
c1.selectbox(t("routes.start"), starts, format_func=label, key="routes_start", persist_state="session",
             on_change=_run, placeholder=t("choose_one"))
c2.selectbox(t("routes.end"), ends, format_func=label, key="routes_end", help=glossary_help("OTS", "MUHP"),
             persist_state="session", on_change=_run, placeholder=t("choose_one"))
c3.number_input(t("routes.max"), min_value=1, max_value=10, key="routes_max", persist_state="session", on_change=_run)
st.toggle(t("routes.information"), key="routes_info", help=t("routes.information_help"), persist_state="session",
          on_change=_run)
st.button(t("routes.run"), type="primary", on_click=_run, key="routes_button")
start, end = st.session_state.get("routes_start"), st.session_state.get("routes_end")
max_handoffs = int(st.session_state.get("routes_max") or 6)
flow = "all" if st.session_state.get("routes_info") else "case"  # routes follow the case unless asked
if not st.session_state.get("routes_run") or not start or not end:
    links.write(PARAMS)
    st.stop()
if start == end:
    links.write(PARAMS)
    st.warning(t("routes.same"))
    st.stop()
try:
    found = _routes(current.model, f"{id(current.model)}", start, end, max_handoffs, flow)
except NoRoute:
    links.write(PARAMS)
    st.warning(t("routes.none_between", start=md(label(start)), end=md(label(end)), n=max_handoffs)
               + (" " + t("routes.information_only") if flow == "case" and _exists(start, end, max_handoffs) else ""))
    st.stop()
except ChainError as exc:
    links.write(PARAMS)
    show_error(exc)
    st.stop()

st.success(t("routes.found", n=len(found)))
if int(st.session_state.get("routes_choice") or 1) > len(found):
    st.session_state["routes_choice"] = 1
choice = st.radio(t("routes.choose"), list(range(1, len(found) + 1)), horizontal=True, key="routes_choice",
                  format_func=lambda i: t("routes.route", i=i), persist_state="session")
links.write(PARAMS)
route = found[choice - 1]
st.markdown(f"**{t('routes.route', i=choice)}.** " + md(route.reason_en if language == "en" else route.reason_nl))

rows = []
for i, step in enumerate(route.steps, start=1):
    rows.append({
        t("routes.step"): i,
        t("routes.from"): label(step.from_org),
        t("routes.handoff"): label(step.handoff),
        t("routes.to"): label(step.to_org),
        t("detail.legal"): "; ".join(step.legal_basis_names) or t("detail.no_legal"),
        t("detail.norm"): step.norm_en if language == "en" else step.norm_nl,
        t("routes.practice"): (step.observed.text_en if language == "en" else step.observed.text_nl)
        if step.observed else "–",
        t("detail.instrument"): label(step.instrument) if step.instrument else "",
    })
show_table(rows)
table_downloads(rows, "route", key="routes_table")

view = map_view(model, MapFilter(highlight=route.handoffs, information=True), lang=language,
                terms=glossary_terms(language))
event = chain_map(view, key="routes_map", text=map_texts(), present=present())
open_details(model, event.clicked)
if not present():
    map_downloads(model, view, stem="route", key="routes", title=f"{t('nav.routes')}: {label(start)} → {label(end)}",
                  subtitle=t("routes.route", i=choice))
