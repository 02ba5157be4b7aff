"""Knelpunten: the ranked bottleneck list with filters; each row jumps to the map and its explanation."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from queries.bottlenecks import Rule, Severity, bottlenecks
from ui import links
from ui.i18n import value_name
from ui.plain import md
from ui.state import (
    chain,
    lang,
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

st.title(t("nav.bottlenecks"))
st.caption(t("bn.intro"))


@st.cache_data(max_entries=32, show_spinner=False)
def _findings(_model, cache_key: str, rules: tuple[str, ...], severity: str | None):
    return bottlenecks(_model, rules=list(rules) or None, severity=severity)


PARAMS = [links.Param("regel", "bn_rules", "list", allowed=[r.value for r in Rule]),
          links.Param("ernst", "bn_severity", "str", None, allowed=[s.value for s in Severity]),
          links.Param("keuze", "bn_pick", "int", 0, low=0)]
links.read(PARAMS)
c1, c2 = st.columns([3, 1])
rules = c1.multiselect(t("bn.rule"), [r.value for r in Rule], key="bn_rules", placeholder=t("choose"),
                       format_func=lambda r: value_name(r, language), select_all=False, persist_state="session")
severity = c2.selectbox(t("bn.severity"), [None, *[s.value for s in Severity]], key="bn_severity",
                        format_func=lambda s: "—" if s is None else value_name(s, language), persist_state="session")
try:
    findings = _findings(current.model, f"{id(current.model)}", tuple(rules), severity)
except ChainError as exc:
    show_error(exc)
    st.stop()
if not findings:
    links.write(PARAMS)
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
} for f in findings]
selection = None if present() else show_table(rows, key="bn_rows", on_select="rerun", selection_mode="single-row")
if present():
    show_table(rows)
table_downloads(rows, "knelpunten", key="bn_table")

st.subheader(t("bn.open"))
indexes = list(range(len(findings)))
chosen_rows = list(getattr(getattr(selection, "selection", None), "rows", []) or [])
if chosen_rows and chosen_rows[0] < len(findings):
    st.session_state["bn_pick"] = chosen_rows[0]
if st.session_state.get("bn_pick") not in indexes:
    st.session_state["bn_pick"] = 0
pick = st.selectbox(t("bn.pick"), indexes, key="bn_pick", persist_state="session",
                    format_func=lambda i: f"{i + 1}. {label(findings[i].element)} — {value_name(findings[i].rule.value, language)}")
links.write(PARAMS)
finding = findings[pick]
st.markdown(md(finding.reason_en if language == "en" else finding.reason_nl))
shared = links.link(taal="en" if language == "en" else None, presentatie="1" if present() else None)
b1, b2 = st.columns(2)
b1.page_link("app_pages/kaart.py", label=t("detail.show_on_map"),
             query_params={"focus": finding.element, "weergave": "alles", **shared})
handoff_id = next((e for e in finding.elements if e in model.index and model.kind_of(e) == "handoffs"), None)
if handoff_id:
    b2.page_link("app_pages/waarom.py", label=t("detail.why"), query_params={"overdracht": handoff_id, **shared})
