"""Ketenkaart: the chain map with filters, focus, legend, details and exports."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.errors import ChainError
from queries.asof import as_of
from ui.components.legend import legend_html
from ui.components.network import chain_map, standalone_html
from ui.details import open_details, show_element
from ui.i18n import kind_name
from ui.mapview import MapFilter, filter_options, map_view
from ui.present import keep_widget_state, presentation_css, presentation_toggle
from ui.state import (
    chain,
    glossary_help,
    lang,
    name_of,
    practice_figures,
    show_error,
    t,
    table_downloads,
)

current = chain()
model = current.model
language = lang()
options = filter_options(model, language)

FILTER_KEYS = ("map_domains", "map_phases", "map_instruments", "map_regions", "map_focus", "map_steps", "map_as_of")

head, switch = st.columns([3, 1], vertical_alignment="bottom")
head.title(t("nav.map"), help=glossary_help("OTS", "MUHP", "VT", "RvdK", "GI", "ZVH", "MDA++", "HOvJ"))
present = presentation_toggle(switch, t("map.present"), help=t("map.present_help"))
st.html(presentation_css(present))
if not present:
    st.caption(t("map.intro"))

# A jump from another page (Knelpunten, Routes) focuses the map on an element.
labels = dict(options.focusable)
jump = st.session_state.pop("goto_focus", None)
if jump and jump in model.index:
    if jump in labels:  # legal bases and sources are not focusable; their details still show
        st.session_state["map_focus"] = jump
    st.session_state["map_details"] = jump

st.session_state.setdefault("map_steps", 1)
if present:  # filters are hidden, but keep what was chosen
    keep_widget_state(*FILTER_KEYS)
    domains, phases, instruments, regions = (list(st.session_state.get(k) or []) for k in FILTER_KEYS[:4])
    focus, steps, on_date = (st.session_state.get(k) for k in FILTER_KEYS[4:])
    if focus not in labels:
        focus = None
    chosen = [*domains, *phases, *instruments, *regions] + ([labels[focus]] if focus else []) \
        + ([on_date.strftime("%d-%m-%Y")] if on_date else [])
    if chosen:
        st.caption(t("map.present_filters", which=", ".join(dict(options.domains + options.phases
                                                                 + options.instruments).get(c, c) for c in chosen)))
else:
    with st.expander(t("map.filters"), expanded=bool(st.session_state.get("map_focus"))):
        c1, c2, c3, c4 = st.columns(4)
        domains = c1.multiselect(t("map.domain"), [d for d, _ in options.domains], format_func=dict(options.domains).get,
                                 key="map_domains", placeholder=t("choose"))
        phases = c2.multiselect(t("map.phase"), [p for p, _ in options.phases], format_func=dict(options.phases).get,
                                key="map_phases", placeholder=t("choose"))
        instruments = c3.multiselect(t("map.instrument"), [i for i, _ in options.instruments],
                                     format_func=dict(options.instruments).get, key="map_instruments", placeholder=t("choose"),
                                     help=glossary_help("OTS", "MUHP", "MDA++"))
        regions = c4.multiselect(t("map.region"), list(options.regions), key="map_regions", placeholder=t("choose"))
        f1, f2, f3 = st.columns([3, 1, 1.2])
        focus = f1.selectbox(t("map.focus"), [None, *labels], key="map_focus",
                             on_change=lambda: st.session_state.pop("map_details", None),
                             format_func=lambda v: t("map.focus_none") if v is None
                             else f"{labels.get(v, v)} · {kind_name(model.kind_of(v), language)}")
        steps = f2.number_input(t("map.steps"), min_value=0, max_value=6, step=1, key="map_steps")
        on_date = f3.date_input(t("map.as_of"), value=None, key="map_as_of", format="DD-MM-YYYY",
                                min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31), help=t("map.as_of_help"))


@st.cache_resource(max_entries=8, show_spinner=False)
def _model_on(_model, cache_key: str, day: dt.date):
    return as_of(_model, day)


flt = MapFilter(domains=tuple(domains), phases=tuple(phases), instruments=tuple(instruments),
                regions=tuple(regions), focus=focus, steps=int(steps))
figures, volumes = practice_figures(current)
try:
    shown_model = _model_on(current.model, str(id(model)), on_date) if on_date else model
    view = map_view(shown_model, flt, lang=language, figures=figures, volumes=volumes, layout_of=model)
except ChainError as exc:
    show_error(exc)
    st.stop()

if not view.nodes:
    st.info(t("map.empty"))
selected = chain_map(view, key="kaart", text={"png": t("map.png"), "fit": t("map.fit"), "hint": t("map.hint"),
                                              "aria": t("map.aria")}, filename="ketenkaart.png",
                     fill=True, present=present)
if figures:
    st.caption(t("map.figures_synthetic"))


st.markdown(f"**{t('map.legend')}**")
st.html(legend_html(view.legend, font_size="1.3rem" if present else "0.9rem"))

if selected and selected in model.index:
    st.session_state["map_details"] = selected
    open_details(model, selected)
if present:  # on the projector: the map, its legend and what was clicked; no exports or tables
    st.stop()

html_title = t("app.title")  # read session state here, not in the deferred download callable
st.download_button(t("map.html"), data=lambda: standalone_html(view, title=html_title, lang=language),
                   file_name="ketenkaart.html", mime="text/html", key="map_html", on_click="ignore")

with st.expander(t("map.table", n=len(view.edges))):
    edge_rows = []
    for edge in view.edges:
        ho = shown_model.index[edge.id]  # as it stood on the chosen date
        edge_rows.append({
            t("routes.from"): labels.get(edge.source, edge.source),
            t("routes.handoff"): labels.get(edge.id, edge.id),
            t("routes.to"): labels.get(edge.target, edge.target),
            t("detail.legal"): "; ".join(shown_model.index[lb].name for lb in ho.legal_bases if lb in shown_model.index)
            or t("detail.no_legal"),
            t("detail.norm"): ho.norm.description if ho.norm else t("detail.no_norm"),
            **({t("map.figures"): edge.figures or ""} if figures else {}),
            "id": edge.id,
        })
    st.dataframe(edge_rows, hide_index=True, width="stretch")
    table_downloads(edge_rows, "overdrachten", key="map_table")

details = st.session_state.get("map_details") or focus
if details and details in model.index:
    with st.container(border=True):
        st.markdown(f"**{t('map.selected', name=labels.get(details) or name_of(model.index[details]))}**")
        show_element(model, details)
        if model.kind_of(details) == "handoffs" and st.button(t("detail.why"), key="map_why"):
            st.session_state["why_handoff"] = details
            st.switch_page("app_pages/waarom.py")
else:
    st.info(t("map.click_hint"))
