"""Ketenkaart: the chain map — the overview or every hand-off, filters, focus, legend, details and exports."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.errors import ChainError
from queries.asof import as_of
from ui import links
from ui.components.chainmap import chain_map
from ui.details import open_details, show_element
from ui.exports.files import map_downloads
from ui.i18n import kind_name
from ui.mapview import MapFilter, filter_options, information_only, map_view
from ui.overview import overview_part
from ui.plain import date_words, md
from ui.state import (
    chain,
    glossary_help,
    glossary_terms,
    lang,
    map_texts,
    name_of,
    practice_available,
    practice_figures,
    present,
    show_error,
    show_table,
    t,
    table_downloads,
)

current = chain()
model = current.model
language = lang()
presenting = present()
options = filter_options(model, language)
labels = dict(options.focusable)
change_days = sorted({d for e in model.elements() for d in (getattr(e, "valid_from", None), getattr(e, "valid_to", None))
                      if isinstance(d, dt.date)})

PARAMS = [
    links.Param("weergave", "map_mode", "str", "overzicht", allowed=("overzicht", "alles")),
    links.Param("informatie", "map_info", "bool", False),
    links.Param("normloos", "map_no_norm", "bool", False),
    links.Param("domein", "map_domains", "list", allowed=[d for d, _ in options.domains]),
    links.Param("fase", "map_phases", "list", allowed=[p for p, _ in options.phases]),
    links.Param("instrument", "map_instruments", "list", allowed=[i for i, _ in options.instruments]),
    links.Param("regio", "map_regions", "list", allowed=list(options.regions)),
    links.Param("focus", "map_focus", "str", None, allowed=list(model.index)),
    links.Param("stappen", "map_steps", "int", 1, low=0, high=6),
    links.Param("peildatum", "map_as_of", "date", None),
    links.Param("praktijk", "practice_on", "bool", False),
]
links.read(PARAMS)
# A focus on something the map does not draw (a source, a legal basis) shows its details only.
focus_id = st.session_state.get("map_focus")
if focus_id and focus_id not in labels:
    st.session_state["map_details"] = focus_id
    st.session_state["map_focus"] = None
if focus_id and focus_id in labels:
    st.session_state["map_mode"] = "alles"

st.title(t("nav.map"), help=t("map.intro") + "\n\n" + (glossary_help("OTS", "MUHP", "VT", "RvdK", "GI", "ZVH",
                                                                      "MDA++", "HOvJ") or ""))

mode_col, info_col, norm_col, practice_col = st.columns([2.4, 1.6, 1.6, 1.8], vertical_alignment="center")
mode = mode_col.segmented_control(t("map.mode"), ["overzicht", "alles"], key="map_mode", required=True,
                                  format_func=lambda m: t(f"map.mode_{m}"), persist_state="session",
                                  label_visibility="collapsed",
                                  help=t("map.mode_help") + " " + t("map.overview_note",
                                                                    n=len(overview_part(model).handoffs),
                                                                    total=len(model.handoffs)))
full = mode == "alles"
if full:
    info_col.toggle(t("map.information"), key="map_info", help=t("map.information_help"), persist_state="session")
norm_col.toggle(t("map.no_norm"), key="map_no_norm", help=t("map.no_norm_help"), persist_state="session")
if full and practice_available(current):
    practice_col.toggle(t("app.practice"), key="practice_on", help=t("app.practice_help"), persist_state="session")

if full and not presenting:
    with st.expander(t("map.filters"), expanded=bool(st.session_state.get("map_focus"))):
        c1, c2, c3, c4 = st.columns(4)
        c1.multiselect(t("map.domain"), [d for d, _ in options.domains], format_func=dict(options.domains).get,
                       key="map_domains", placeholder=t("choose"), select_all=False, persist_state="session")
        c2.multiselect(t("map.phase"), [p for p, _ in options.phases], format_func=dict(options.phases).get,
                       key="map_phases", placeholder=t("choose"), select_all=False, persist_state="session")
        c3.multiselect(t("map.instrument"), [i for i, _ in options.instruments], select_all=False,
                       format_func=dict(options.instruments).get, key="map_instruments", placeholder=t("choose"),
                       help=glossary_help("OTS", "MUHP", "MDA++"), persist_state="session")
        c4.multiselect(t("map.region"), list(options.regions), key="map_regions", placeholder=t("choose"),
                       select_all=False, persist_state="session")
        f1, f2, f3 = st.columns([3, 1, 1.4])
        f1.selectbox(t("map.focus"), [None, *labels], key="map_focus", placeholder=t("choose_one"),
                     on_change=lambda: st.session_state.pop("map_details", None), persist_state="session",
                     format_func=lambda v: t("map.focus_none") if v is None
                     else f"{labels.get(v, v)} · {kind_name(model.kind_of(v), language)}")
        f2.number_input(t("map.steps"), min_value=0, max_value=6, step=1, key="map_steps", persist_state="session")
        chosen_day = st.session_state.get("map_as_of")
        days = [None, *sorted(set(change_days) | ({chosen_day} if isinstance(chosen_day, dt.date) else set()))]
        f3.selectbox(t("map.as_of"), days, key="map_as_of", help=t("map.as_of_help"), persist_state="session",
                     format_func=lambda d: t("map.as_of_now") if d is None else date_words(d, language))
elif presenting:
    chosen = [dict(options.domains + options.phases + options.instruments).get(v, v)
              for k in ("map_domains", "map_phases", "map_instruments", "map_regions")
              for v in (st.session_state.get(k) or [])]
    if full and chosen:
        st.caption(t("map.present_filters", which=", ".join(chosen)))
links.write(PARAMS)


@st.cache_resource(max_entries=8, show_spinner=False)
def _model_on(_model, cache_key: str, day: dt.date):
    return as_of(_model, day)


figures, volumes = practice_figures(current) if full else ({}, {})
on_date = st.session_state.get("map_as_of") if full else None
try:
    if full:
        flt = MapFilter(domains=tuple(st.session_state.get("map_domains") or ()),
                        phases=tuple(st.session_state.get("map_phases") or ()),
                        instruments=tuple(st.session_state.get("map_instruments") or ()),
                        regions=tuple(st.session_state.get("map_regions") or ()),
                        focus=st.session_state.get("map_focus"), steps=int(st.session_state.get("map_steps") or 0),
                        information=bool(st.session_state.get("map_info")),
                        mark_no_norm=bool(st.session_state.get("map_no_norm")))
        shown_model = _model_on(model, str(id(model)), on_date) if isinstance(on_date, dt.date) else model
        view = map_view(shown_model, flt, lang=language, figures=figures, volumes=volumes, layout_of=model,
                        terms=glossary_terms(language))
    else:
        shown_model = model
        view = map_view(model, MapFilter(mark_no_norm=bool(st.session_state.get("map_no_norm"))), lang=language,
                        part=overview_part(model), terms=glossary_terms(language))
except ChainError as exc:
    show_error(exc)
    st.stop()

if not view.nodes:
    st.info(t("map.empty"))
event = chain_map(view, key="kaart", text=map_texts(), present=presenting)
if figures:
    st.caption(t("map.figures_synthetic"))
if event.clicked and event.clicked in model.index:
    st.session_state["map_details"] = event.clicked
    open_details(model, event.clicked)
if presenting:  # on the projector: the map, its legend and what was clicked; no exports or tables
    st.stop()

map_downloads(model, view, stem="ketenkaart", key="map", title=t("app.title"),
              subtitle=t("map.mode_" + ("alles" if full else "overzicht")))

handoff_edges = [e for e in view.edges if e.kind == "handoff"]
# The table is drawn on request: the data grid's scripts are large, and the map should come first.
if st.toggle(t("map.table", n=len(handoff_edges)), key="map_table_on", persist_state="session"):
    edge_rows = []
    for edge in handoff_edges:
        ho = shown_model.index[edge.id]  # as it stood on the chosen date
        edge_rows.append({
            t("routes.from"): name_of(shown_model.index[edge.source]),
            t("routes.handoff"): edge.name,
            t("routes.to"): name_of(shown_model.index[edge.target]),
            t("detail.legal"): "; ".join(shown_model.index[lb].name for lb in ho.legal_bases if lb in shown_model.index)
            or t("detail.no_legal"),
            t("detail.norm"): ho.norm.description if ho.norm else t("detail.no_norm"),
            t("map.passes_info"): t("detail.yes") if information_only(ho) else t("detail.no"),
            **({t("map.figures"): edge.figures or ""} if figures else {}),
        })
    show_table(edge_rows)
    table_downloads(edge_rows, "overdrachten", key="map_table")

details = st.session_state.get("map_details") or st.session_state.get("map_focus")
if details and details in model.index:
    with st.container(border=True):
        st.markdown(f"**{t('map.selected', name=md(labels.get(details) or name_of(model.index[details])))}**")
        show_element(model, details)
        if model.kind_of(details) == "handoffs":
            st.page_link("app_pages/waarom.py", label=t("detail.why"),
                         query_params=links.link(overdracht=details, taal=language if language != "nl" else None))
else:
    st.info(t("map.click_hint"))
