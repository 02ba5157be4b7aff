"""Waarom stokt deze overdracht? The explanation card for one hand-off."""

from __future__ import annotations

import dataclasses

import streamlit as st

from graph.errors import ChainError
from queries.bottlenecks import bottlenecks, findings_for
from ui.details import show_element, source_line
from ui.state import chain, lang, name_of, show_error, t

current = chain()
model = current.model
language = lang()

st.title(t("nav.why"))
st.caption(t("why.intro"))

handoff_ids = [h.id for h in model.handoffs]
jump = st.session_state.pop("why_handoff", None)
if jump in handoff_ids:
    st.session_state["why_pick"] = jump


def label(hid: str) -> str:
    ho = model.index[hid]
    return f"{name_of(ho, language)} ({name_of(model.index[ho.from_org], language)} → {name_of(model.index[ho.to_org], language)})"


handoff_id = st.selectbox(t("why.pick"), handoff_ids, format_func=label, key="why_pick")
if handoff_id is None:
    st.stop()


def _explain(graph, hid):
    """The queries' explanation card when available, else None."""
    try:
        from queries.explain import explain_handoff
    except ImportError:
        return None
    return explain_handoff(graph, hid)


try:
    card = _explain(current.graph, handoff_id)
except ChainError as exc:
    show_error(exc)
    card = None

left, right = st.columns([1.4, 1], gap="large")
with left:
    if card is not None:
        reason = getattr(card, "reason_en" if language == "en" else "reason_nl", "")
        st.subheader(t("why.findings"))
        st.markdown(reason)
        sources = getattr(card, "sources", ())
        if sources:
            st.markdown(f"**{t('detail.sources')}:**")
            st.markdown("\n".join(source_line(model, s) for s in sources))
        st.download_button(t("export.json"), data=lambda: _card_json(card), file_name=f"{handoff_id}.json",
                           mime="application/json", key="why_json", on_click="ignore")
    else:
        findings = findings_for(bottlenecks(current.graph), handoff_id)
        st.subheader(t("why.findings"))
        if findings:
            for f in findings:
                st.markdown(f"- **{f.rule.value}** ({f.severity.value}): {f.reason_en if language == 'en' else f.reason_nl}")
        else:
            st.markdown(t("bn.none"))
    if st.button(t("detail.show_on_map"), key="why_map"):
        st.session_state["goto_focus"] = handoff_id
        st.switch_page("app_pages/kaart.py")
with right:
    show_element(model, handoff_id)


def _card_json(obj) -> str:
    import json

    data = obj.as_dict() if hasattr(obj, "as_dict") else dataclasses.asdict(obj)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
