"""Wat als: remove organisations, instruments or legal bases and see which routes break."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from queries.whatif import what_if
from ui import links
from ui.components.chainmap import chain_map
from ui.details import open_details
from ui.exports.files import map_downloads
from ui.i18n import kind_name, value_name
from ui.mapview import MapFilter, map_view
from ui.plain import md
from ui.state import (
    chain,
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
en = language == "en"

st.title(t("nav.whatif"))
if not present():
    st.caption(t("whatif.intro"))

removable = [e.id for kind in ("organisations", "instruments", "legal_bases", "handoffs") for e in getattr(model, kind)]
PARAMS = [links.Param("weg", "whatif_remove", "list", allowed=removable)]
links.read(PARAMS)


def name(element_id: str) -> str:
    return name_of(model.index[element_id], language) if element_id in model.index else element_id


def label(element_id: str) -> str:
    if element_id not in model.index:
        return element_id
    return f"{name(element_id)} · {kind_name(model.kind_of(element_id), language)}"


@st.cache_data(max_entries=32, show_spinner=False)
def _what_if(_model, cache_key: str, remove: tuple[str, ...]):
    result = what_if(_model, remove=list(remove))
    return result.as_dict(), tuple(h for c in result.broken for h in c.route_before)


# Typing "Wmo" and Enter picks the first match only: there is no "select all matches" here.
st.multiselect(t("whatif.remove"), removable, format_func=label, key="whatif_remove", select_all=False,
               placeholder=t("whatif.placeholder"), persist_state="session", help=t("whatif.remove_help"))
links.write(PARAMS)
query = tuple(st.session_state.get("whatif_remove") or ())
if not query:
    st.info(t("whatif.pick"))
    st.stop()
try:
    result, broken_handoffs = _what_if(current.model, str(id(model)), query)
except ChainError as exc:
    show_error(exc)
    st.stop()

st.markdown(md(result["reason_en"] if en else result["reason_nl"]))


def route_text(ids) -> str:
    return " → ".join(name(h) for h in ids) if ids else "—"


def rows_for(changes: list[dict]) -> list[dict]:
    return [{
        t("routes.start"): name(c["start"]),
        t("routes.end"): name(c["end"]),
        t("whatif.before"): c["before"],
        t("whatif.after"): "—" if c["after"] is None else c["after"],
        t("whatif.route_before"): route_text(c["route_before"]),
    } for c in changes]


st.subheader(f"{t('whatif.broken')} ({len(result['broken'])})", anchor=False)
if not result["broken"]:
    st.success(t("whatif.nothing"))
else:
    broken_rows = rows_for(result["broken"])
    show_table(broken_rows)
    table_downloads(broken_rows, "wat-als-gebroken", key="whatif_broken")
if result["longer"]:
    st.subheader(f"{t('whatif.longer')} ({len(result['longer'])})", anchor=False)
    longer_rows = rows_for(result["longer"])
    show_table(longer_rows)
    table_downloads(longer_rows, "wat-als-langer", key="whatif_longer")
if result["new_findings"]:
    st.subheader(t("whatif.new_findings"), anchor=False)
    st.markdown("\n".join(f"- **{value_name(f['rule'], language)}** · {md(name(f['element']))}: "
                          f"{md(f['reason_en'] if en else f['reason_nl'])}" for f in result["new_findings"]))

if broken_handoffs:
    st.subheader(t("whatif.map"), anchor=False)
    view = map_view(model, MapFilter(highlight=tuple(dict.fromkeys(broken_handoffs)), information=True), lang=language,
                    terms=glossary_terms(language))
    event = chain_map(view, key="whatif_map", text=map_texts(), present=present())
    open_details(model, event.clicked)
    if not present():
        map_downloads(model, view, stem="wat-als", key="whatif", title=t("nav.whatif"),
                      subtitle=", ".join(name(r) for r in query))
