"""Knelpunten: the ranked bottleneck list with filters; each row jumps to the map and its explanation."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from queries.bottlenecks import Rule, Severity, bottlenecks
from ui.state import chain, lang, name_of, show_error, t, table_downloads

current = chain()
model = current.model
language = lang()

st.title(t("nav.bottlenecks"))
st.caption(t("bn.intro"))

SEVERITY_NL = {"high": "hoog", "medium": "middel", "low": "laag"}


@st.cache_data(max_entries=32, show_spinner=False)
def _findings(_graph, cache_key: str, rules: tuple[str, ...], severity: str | None):
    return bottlenecks(_graph, rules=list(rules) or None, severity=severity)


c1, c2 = st.columns([3, 1])
rules = c1.multiselect(t("bn.rule"), [r.value for r in Rule], key="bn_rules")
severity = c2.selectbox(t("bn.severity"), [None, *[s.value for s in Severity]], key="bn_severity",
                        format_func=lambda s: "—" if s is None else (s if language == "en" else SEVERITY_NL[s]))
try:
    findings = _findings(current.graph, f"{id(current.model)}", tuple(rules), severity)
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
    t("bn.severity"): f.severity.value if language == "en" else SEVERITY_NL[f.severity.value],
    t("bn.rule"): f.rule.value,
    t("bn.element"): label(f.element),
    t("bn.reason"): f.reason_en if language == "en" else f.reason_nl,
    "id": f.element,
} for f in findings]
st.dataframe(rows, hide_index=True, width="stretch", column_config={"id": None})
table_downloads([f.as_dict() for f in findings], "knelpunten", key="bn_table")

st.subheader(t("bn.open"))
indexes = list(range(len(findings)))
pick = st.selectbox(t("bn.pick"), indexes, key="bn_pick",
                    format_func=lambda i: f"{i + 1}. {label(findings[i].element)} — {findings[i].rule.value}")
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
