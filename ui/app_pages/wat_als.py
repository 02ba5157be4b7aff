"""Wat als: remove organisations, instruments or legal bases and see which routes break."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from queries.whatif import what_if
from ui.components.network import chain_map, standalone_html
from ui.details import open_details
from ui.i18n import kind_name
from ui.mapview import MapFilter, map_view
from ui.state import chain, lang, name_of, show_error, t, table_downloads

current = chain()
model = current.model
language = lang()
en = language == "en"

st.title(t("nav.whatif"))
st.caption(t("whatif.intro"))

removable = [e.id for kind in ("organisations", "instruments", "legal_bases", "handoffs") for e in getattr(model, kind)]


def label(element_id: str) -> str:
    if element_id not in model.index:
        return element_id
    kind = model.kind_of(element_id)
    return f"{name_of(model.index[element_id], language)} · {kind_name(kind, language)}"


@st.cache_data(max_entries=32, show_spinner=False)
def _what_if(_model, cache_key: str, remove: tuple[str, ...]):
    result = what_if(_model, remove=list(remove))
    return result.as_dict(), tuple(h for c in result.broken for h in c.route_before)


with st.form("whatif_form"):
    removed = st.multiselect(t("whatif.remove"), removable, format_func=label, key="whatif_remove")
    submitted = st.form_submit_button(t("whatif.run"), type="primary")
if submitted:
    st.session_state["whatif_query"] = tuple(removed)
query = st.session_state.get("whatif_query")
if not query:
    st.info(t("whatif.pick"))
    st.stop()
try:
    result, broken_handoffs = _what_if(current.model, str(id(model)), tuple(query))
except ChainError as exc:
    show_error(exc)
    st.stop()

st.markdown(result["reason_en"] if en else result["reason_nl"])


def route_text(ids) -> str:
    return " → ".join(label(h).split(" · ")[0] for h in ids) if ids else "—"


def rows_for(changes: list[dict]) -> list[dict]:
    return [{
        t("routes.start"): label(c["start"]).split(" · ")[0],
        t("routes.end"): label(c["end"]).split(" · ")[0],
        t("whatif.before"): c["before"],
        t("whatif.after"): "—" if c["after"] is None else c["after"],
        t("whatif.route_before"): route_text(c["route_before"]),
    } for c in changes]


st.subheader(f"{t('whatif.broken')} ({len(result['broken'])})")
if not result["broken"]:
    st.success(t("whatif.nothing"))
else:
    broken_rows = rows_for(result["broken"])
    st.dataframe(broken_rows, hide_index=True, width="stretch")
    table_downloads(broken_rows, "wat-als-gebroken", key="whatif_broken")
if result["longer"]:
    st.subheader(f"{t('whatif.longer')} ({len(result['longer'])})")
    longer_rows = rows_for(result["longer"])
    st.dataframe(longer_rows, hide_index=True, width="stretch")
    table_downloads(longer_rows, "wat-als-langer", key="whatif_longer")
if result["new_findings"]:
    st.subheader(t("whatif.new_findings"))
    st.markdown("\n".join(f"- **{f['rule']}** · {label(f['element']).split(' · ')[0]}: "
                          f"{f['reason_en'] if en else f['reason_nl']}" for f in result["new_findings"]))

if broken_handoffs:
    st.subheader(t("whatif.map"))
    view = map_view(model, MapFilter(highlight=tuple(dict.fromkeys(broken_handoffs))), lang=language)
    clicked = chain_map(view, key="whatif_map", filename="wat-als.png",
                        text={"png": t("map.png"), "fit": t("map.fit"), "hint": t("map.hint"), "aria": t("map.aria")}, fill=True)
    open_details(model, clicked)
    html_title = f"{t('nav.whatif')}: {', '.join(label(r).split(' · ')[0] for r in query)}"
    st.download_button(t("map.html"), data=lambda: standalone_html(view, title=html_title, lang=language),
                       file_name="wat-als.html", mime="text/html", key="whatif_html", on_click="ignore")
