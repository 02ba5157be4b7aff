"""Knelpunten: one ranked row per hand-off or organisation, with all its reasons; each row jumps to the map
and its explanation."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from graph.vocab import CATEGORY_NAMES, Category
from queries.bottlenecks import Severity
from queries.knelpunten import knelpunten
from ui import links
from ui.i18n import value_name
from ui.plain import md
from ui.state import (
    chain,
    lang,
    name_of,
    practice_evidence,
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

st.title(t("nav.bottlenecks"))
st.caption(t("bn.intro"))


@st.cache_data(max_entries=32, show_spinner=False)
def _ranking(_model, cache_key: str, _evidence, severity: str):
    return knelpunten(_model, evidence=_evidence, severity=severity)


PARAMS = [links.Param("categorie", "bn_categories", "list", allowed=[c.value for c in Category]),
          links.Param("ernst", "bn_severity", "str", Severity.AANDACHT.value, allowed=[s.value for s in Severity]),
          links.Param("keuze", "bn_pick", "int", 0, low=0)]
links.read(PARAMS)
c1, c2 = st.columns([3, 1])
categories = c1.multiselect(t("bn.category"), [c.value for c in Category], key="bn_categories",
                            placeholder=t("choose"), format_func=lambda c: CATEGORY_NAMES[Category(c)].in_(language),
                            select_all=False, persist_state="session")
severity = c2.selectbox(t("bn.severity"), [s.value for s in Severity], key="bn_severity",
                        format_func=lambda s: value_name(s, language), help=t("bn.severity_help"),
                        persist_state="session")
evidence = practice_evidence(current)
evidence_key = "-".join(str(id(getattr(p, "report", p))) for p in evidence)
try:
    ranking = _ranking(current.model, f"{id(current.model)}-{evidence_key}", evidence, severity)
except ChainError as exc:
    show_error(exc)
    st.stop()
summary = ranking.summary()


def pct(share: float) -> str:
    text = f"{100 * share:.1f}"
    return text if en else text.replace(".", ",")


st.markdown(t("bn.summary", elements=summary["elements"], hoog=summary["hoog"], hoog_pct=pct(summary["hoog_share"]),
              aandacht=summary["aandacht"], laag=summary["laag"], flagged_pct=pct(summary["flagged_share"])))
found = [r for r in ranking.rows if not categories or any(Category(c) in r.categories for c in categories)]
if not found:
    links.write(PARAMS)
    st.info(t("bn.none"))
    st.stop()


def label(element_id: str) -> str:
    return name_of(model.index[element_id], language) if element_id in model.index else element_id


rows = [{
    t("bn.severity"): value_name(r.severity.value, language),
    t("bn.element"): label(r.element),
    t("bn.reason"): r.explanation_en if en else r.explanation_nl,
    t("bn.categories"): ", ".join(CATEGORY_NAMES[c].in_(language) for c in r.categories),
    t("bn.score"): r.score,
} for r in found]
# the reason is what the row is for: it gets the room, the element a readable share, the rest little (1280 px)
columns = {t("bn.severity"): st.column_config.TextColumn(width="small"),
           t("bn.element"): st.column_config.TextColumn(width=300),
           t("bn.reason"): st.column_config.TextColumn(width=560),
           t("bn.categories"): st.column_config.TextColumn(width=190),
           t("bn.score"): st.column_config.NumberColumn(width="small")}
selection = None if present() else show_table(rows, key="bn_rows", on_select="rerun", selection_mode="single-row",
                                              column_config=columns)
if present():
    show_table(rows)
table_downloads([r.as_dict(model) for r in found], "knelpunten", key="bn_table")

st.subheader(t("bn.open"))
indexes = list(range(len(found)))
chosen_rows = list(getattr(getattr(selection, "selection", None), "rows", []) or [])
if chosen_rows and chosen_rows[0] < len(found):
    st.session_state["bn_pick"] = chosen_rows[0]
if st.session_state.get("bn_pick") not in indexes:
    st.session_state["bn_pick"] = 0


def pick_label(i: int) -> str:
    return f"{i + 1}. {label(found[i].element)} — {value_name(found[i].severity.value, language)}"


pick = st.selectbox(t("bn.pick"), indexes, key="bn_pick", format_func=pick_label, persist_state="session")
links.write(PARAMS)
row = found[pick]
st.markdown(f"**{value_name(row.severity.value, language)}** — {md(row.explanation_en if en else row.explanation_nl)}")
st.markdown("\n".join(
    f"- {md(r.text_en if en else r.text_nl)}"
    + (f" _({', '.join(CATEGORY_NAMES[c].in_(language) for c in r.categories)})_" if r.categories else "")
    + (f" · _{t('bn.via_news')}_" if not r.verified else "")
    for r in row.reasons))
shared = links.link(taal="en" if en else None, presentatie="1" if present() else None)
b1, b2 = st.columns(2)
b1.page_link("app_pages/kaart.py", label=t("detail.show_on_map"),
             query_params={"focus": row.element, "weergave": "alles", **shared})
if row.kind == "handoffs":
    b2.page_link("app_pages/waarom.py", label=t("detail.why"), query_params={"overdracht": row.element, **shared})
