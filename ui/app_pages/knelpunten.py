"""Knelpunten: the ranked bottleneck list with filters; each row jumps to the map and its explanation."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from queries.bottlenecks import Rule, Severity, bottlenecks
from ui.i18n import value_name
from ui.state import chain, lang, name_of, show_error, t, table_downloads

current = chain()
model = current.model
language = lang()

st.title(t("nav.bottlenecks"))
st.caption(t("bn.intro"))


@st.cache_data(max_entries=32, show_spinner=False)
def _findings(_model, cache_key: str, rules: tuple[str, ...], severity: str | None):
    return bottlenecks(_model, rules=list(rules) or None, severity=severity)


c1, c2 = st.columns([3, 1])
rules = c1.multiselect(t("bn.rule"), [r.value for r in Rule], key="bn_rules", placeholder=t("choose"),
                       format_func=lambda r: value_name(r, language))
severity = c2.selectbox(t("bn.severity"), [None, *[s.value for s in Severity]], key="bn_severity",
                        format_func=lambda s: "—" if s is None else value_name(s, language))
try:
    findings = _findings(current.model, f"{id(current.model)}", tuple(rules), severity)
except ChainError as exc:
    show_error(exc)
    st.stop()
if not findings:
    st.info(t("bn.none"))
    st.stop()


def label(element_id: str) -> str:
    return name_of(model.index[element_id], language) if element_id in model.index else element_id


rows = [{
    t("bn.score"): f.score,
    t("bn.severity"): value_name(f.severity.value, language),
    t("bn.rule"): value_name(f.rule.value, language),
    t("bn.element"): label(f.element),
    t("bn.reason"): f.reason_en if language == "en" else f.reason_nl,
    "id": f.element,
} for f in findings]
selection = st.dataframe(rows, hide_index=True, width="stretch", column_config={"id": None}, key="bn_rows",
                         on_select="rerun", selection_mode="single-row")
table_downloads([f.as_dict() for f in findings], "knelpunten", key="bn_table")

st.subheader(t("bn.open"))
indexes = list(range(len(findings)))
chosen_rows = list(getattr(getattr(selection, "selection", None), "rows", []) or [])
if chosen_rows and chosen_rows[0] < len(findings):
    st.session_state["bn_pick"] = chosen_rows[0]
pick = st.selectbox(t("bn.pick"), indexes, key="bn_pick",
                    format_func=lambda i: f"{i + 1}. {label(findings[i].element)} — {value_name(findings[i].rule.value, language)}")
finding = findings[pick]
st.write(finding.reason_en if language == "en" else finding.reason_nl)
b1, b2 = st.columns(2)
if b1.button(t("detail.show_on_map"), key="bn_map"):
    st.session_state["goto_focus"] = finding.element
    st.switch_page("app_pages/kaart.py")
handoff_id = next((e for e in finding.elements if e in model.index and model.kind_of(e) == "handoffs"), None)
if handoff_id and b2.button(t("detail.why"), key="bn_why"):
    st.session_state["why_handoff"] = handoff_id
    st.switch_page("app_pages/waarom.py")
