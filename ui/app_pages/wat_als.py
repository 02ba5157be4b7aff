"""Wat als: remove organisations, instruments or legal bases and see which routes break."""

from __future__ import annotations

import dataclasses

import streamlit as st

from graph.errors import ChainError
from ui.state import chain, lang, name_of, show_error, t, table_downloads

current = chain()
model = current.model
language = lang()

st.title(t("nav.whatif"))
st.caption(t("whatif.intro"))

try:
    from queries.whatif import what_if
except ImportError:
    what_if = None
if what_if is None:
    st.info(t("unavailable"))
    st.stop()

removable = [e.id for kind in ("organisations", "instruments", "legal_bases") for e in getattr(model, kind)]


def label(element_id: str) -> str:
    element = model.index[element_id]
    return f"{name_of(element, language)} · {model.kind_of(element_id).replace('_', ' ')}"


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
    result = what_if(current.graph, remove=list(query))
except ChainError as exc:
    show_error(exc)
    st.stop()

reason = getattr(result, "reason_en" if language == "en" else "reason_nl", None)
if reason:
    st.markdown(reason)
broken = list(getattr(result, "broken", ()) or getattr(result, "broken_routes", ()) or ())
st.subheader(t("whatif.broken"))
if not broken:
    st.success(t("whatif.nothing"))
else:
    rows = []
    for item in broken:
        row = item.as_dict() if hasattr(item, "as_dict") else (dataclasses.asdict(item) if dataclasses.is_dataclass(item) else {"route": str(item)})
        rows.append({k: (", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v) for k, v in row.items()})
    st.dataframe(rows, hide_index=True, width="stretch")
    table_downloads(rows, "wat-als", key="whatif_table")
