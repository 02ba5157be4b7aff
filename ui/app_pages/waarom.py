"""Waarom stokt deze overdracht? The explanation card for one hand-off."""

from __future__ import annotations

import json

import streamlit as st

from graph.errors import ChainError
from queries.bottlenecks import handoffs_by_score
from queries.evidence import EvidenceProvider
from queries.explain import explain_handoff
from ui import links
from ui.details import glossary_notes, sources_block
from ui.plain import md
from ui.register_auth import evidence_providers
from ui.state import chain, lang, name_of, practice_report, show_error, t

current = chain()
model = current.model
language = lang()
en = language == "en"

st.title(t("nav.why"))
st.caption(t("why.intro"))



@st.cache_data(max_entries=8, show_spinner=False)
def _by_score(_model, cache_key: str) -> list[str]:
    return handoffs_by_score(_model)


handoff_ids = _by_score(current.model, str(id(model)))
PARAMS = [links.Param("overdracht", "why_pick", "str", handoff_ids[0] if handoff_ids else None, allowed=handoff_ids)]
links.read(PARAMS)
jump = st.session_state.pop("why_handoff", None)
if jump in handoff_ids:
    st.session_state["why_pick"] = jump


def label(hid: str) -> str:
    ho = model.handoff(hid)
    frm, to = name_of(model.index[ho.from_org], language), name_of(model.index[ho.to_org], language)
    return f"{name_of(ho, language)} ({frm} → {to})"


handoff_id = st.selectbox(t("why.pick"), handoff_ids, format_func=label, key="why_pick", help=t("why.pick_help"),
                          persist_state="session", placeholder=t("choose_one"))
links.write(PARAMS)
if handoff_id is None:
    st.stop()

report = practice_report(current)
evidence: tuple[EvidenceProvider, ...] = ()
if report is not None:
    from queries.cases.evidence import PracticeEvidence

    evidence = (PracticeEvidence(report),)
evidence = (*evidence, *evidence_providers(current.model))  # the Doorbraakteam register, when logged in
try:
    card = explain_handoff(current.model, handoff_id, evidence=evidence)
except ChainError as exc:
    show_error(exc)
    st.stop()


def yes_no(value: bool | None) -> str:
    return t("detail.unknown") if value is None else t("detail.yes") if value else t("detail.no")


def org(element_id: str | None) -> str:
    return t("detail.unknown") if element_id is None else name_of(model.index[element_id], language) \
        if element_id in model.index else element_id


with st.container(border=True):
    st.subheader(card.name)
    st.markdown(t("detail.from_to", src=card.from_name, dst=card.to_name))
    st.markdown(card.reason_en if en else card.reason_nl)
    if card.points:
        st.markdown(f"**{t('why.findings')}**")
        st.markdown("\n".join(f"- {p_en if en else p_nl}" for p_nl, p_en in card.points))

left, right = st.columns(2, gap="large")
with left:
    st.markdown(f"**{t('detail.legal')}**")
    if card.legal_bases:
        sources_block(model, [lb for lb, _, _ in card.legal_bases])
    else:
        st.markdown(t("detail.no_legal"))
    st.markdown(f"**{t('detail.norm')}:** {card.norm_en if en else card.norm_nl}")
    st.markdown("  \n".join([
        f"**{t('detail.trigger')}:** {card.trigger}",
        f"**{t('detail.regie')}:** {org(card.regie_after)}",
        f"**{t('detail.feedback')}:** {yes_no(card.feedback_required)}",
        f"**{t('detail.acceptance')}:** {yes_no(card.acceptance_required)}",
        f"**{t('detail.escalation')}:** {org(card.escalation_to)}",
        f"**{t('why.routes_through')}:** {card.routes_through} / {card.routes_total}",
        f"**{t('why.bridge')}:** {yes_no(card.is_bridge)}"
        + (f" ({', '.join(org(o) for o in card.bridge_cut)})" if card.bridge_cut else ""),
    ]))
with right:
    st.markdown(f"**{t('detail.failures')}**")
    if card.failure_modes:
        for mode in card.failure_modes:
            text = mode.description_en if en and mode.description_en else mode.description
            st.markdown(f"- {md(text)}")
            sources_block(model, mode.sources)
    else:
        st.markdown(t("detail.none"))
    for item in card.evidence:
        st.markdown(f"**{item.title_en if en else item.title_nl}**")
        st.table({t("why.figure"): [f[1] if en else f[0] for f in item.figures],
                  t("why.value"): [f[2] for f in item.figures]})
        note = item.note_en if en else item.note_nl
        if note:
            st.caption(note)
    sources_block(model, card.sources, t("detail.sources"))
glossary_notes(card.name, card.trigger, card.from_name, card.to_name, card.reason_nl)

b1, b2 = st.columns(2)
b1.page_link("app_pages/kaart.py", label=t("detail.show_on_map"),
             query_params=links.link(focus=handoff_id, weergave="alles", taal="en" if en else None))
b2.download_button(
    t("export.json"),
    data=lambda: json.dumps(card.as_dict(model), ensure_ascii=False, indent=2),
    file_name="waarom-stokt-deze-overdracht.json",
    mime="application/json",
    key="why_json",
    on_click="ignore",
)
