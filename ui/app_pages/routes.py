"""Routes: ranked routes between two elements, as steps, highlighted on the map."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from queries.routes import routes
from ui.components.network import chain_map, standalone_html
from ui.details import open_details
from ui.mapview import MapFilter, map_view
from ui.state import chain, glossary_help, lang, name_of, show_error, t, table_downloads

current = chain()
model = current.model
language = lang()

st.title(t("nav.routes"))
st.caption(t("routes.intro"))

starts = [e.id for kind in ("signals", "organisations") for e in getattr(model, kind)]
ends = [e.id for kind in ("organisations", "instruments") for e in getattr(model, kind)]


def label(element_id: str) -> str:
    return name_of(model.index[element_id], language) if element_id in model.index else element_id


@st.cache_data(max_entries=64, show_spinner=False)
def _routes(_model, cache_key: str, start: str, end: str, max_handoffs: int):
    return routes(_model, start, end, max_handoffs=max_handoffs)


with st.form("routes_form"):
    c1, c2, c3 = st.columns([2, 2, 1])
    default_start = next((i for i, s in enumerate(starts) if s.startswith("politie")), 0)
    start = c1.selectbox(t("routes.start"), starts, index=default_start, format_func=label, key="routes_start")
    default_end = ends.index("kinderrechter") if "kinderrechter" in ends else 0
    end = c2.selectbox(t("routes.end"), ends, index=default_end, format_func=label, key="routes_end",
                       help=glossary_help("OTS", "MUHP"))
    max_handoffs = c3.number_input(t("routes.max"), min_value=1, max_value=10, value=6, key="routes_max")
    submitted = st.form_submit_button(t("routes.run"), type="primary")

if submitted:
    st.session_state["routes_query"] = (start, end, int(max_handoffs))
query = st.session_state.get("routes_query")
if not query:
    st.stop()
start, end, max_handoffs = query
if start == end:
    st.warning(t("routes.same"))
    st.stop()
try:
    found = _routes(current.model, f"{id(current.model)}", start, end, max_handoffs)
except ChainError as exc:
    show_error(exc)
    st.info(t("routes.none"))
    st.stop()

st.success(t("routes.found", n=len(found)))
choice = st.radio(t("routes.choose"), list(range(len(found))), horizontal=True, key="routes_choice",
                  format_func=lambda i: t("routes.route", i=i + 1))
route = found[min(choice, len(found) - 1)]
st.markdown(f"**{t('routes.route', i=choice + 1)}.** " + (route.reason_en if language == "en" else route.reason_nl))

rows = []
for i, step in enumerate(route.steps, start=1):
    rows.append({
        t("routes.step"): i,
        t("routes.from"): step.from_name,
        t("routes.handoff"): step.name,
        t("routes.to"): step.to_name,
        t("detail.legal"): "; ".join(step.legal_basis_names) or t("detail.no_legal"),
        t("detail.norm"): step.norm_en if language == "en" else step.norm_nl,
        t("routes.practice"): (step.observed.text_en if language == "en" else step.observed.text_nl)
        if step.observed else "–",
        t("detail.instrument"): step.instrument_name or "",
    })
st.dataframe(rows, hide_index=True, width="stretch")
table_downloads(rows, "route", key="routes_table")

view = map_view(model, MapFilter(highlight=route.handoffs), lang=language)
clicked = chain_map(view, key="routes_map", filename="route.png",
                    text={"png": t("map.png"), "fit": t("map.fit"), "hint": t("map.hint"), "aria": t("map.aria")},
                    fill=True)
html_title = f"{t('nav.routes')}: {label(start)} → {label(end)}"
st.download_button(t("map.html"), data=lambda: standalone_html(view, title=html_title, lang=language),
                   file_name="route.html", mime="text/html", key="routes_html", on_click="ignore")
open_details(model, clicked)
