"""Rendering of one element's details (organisation, hand-off, signal, ...). Display only.

Data texts are shown literally (:func:`ui.plain.md`): a name or description
cannot add links, images or formatting. Sources are named by their title,
linked when they have an address; a seed document shows its file name only
as a tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from graph.model import (
    ChainModel,
    HandOff,
    Instrument,
    Organisation,
    OrganisationKind,
    Signal,
    Status,
)
from ui.i18n import value_name
from ui.mapview import LANE_NAMES, handoffs_of
from ui.plain import md, source_html
from ui.state import glossary, lang, name_of, t

__all__ = ["glossary_notes", "open_details", "show_element", "sources_block"]

_KINDS = {OrganisationKind.ORGANISATION: "kind.organisation", OrganisationKind.POST: "kind.post",
          OrganisationKind.COLLABORATION: "kind.collaboration", OrganisationKind.PERSON: "kind.person"}


def sources_block(model: ChainModel, source_ids: Iterable[str], heading: str | None = None) -> None:
    """A list of sources (and legal bases) by title, as escaped HTML."""
    ids = [s for s in source_ids if s in model.index and not s.startswith("case-log:")]
    head = f"<p><strong>{md(heading)}</strong></p>" if heading else ""
    if not ids:
        st.markdown(head + "<p>–</p>", unsafe_allow_html=True)
        return
    items = "".join(f"<li>{source_html(model, s, lang(), t('detail.unverified'))}</li>" for s in ids)
    st.markdown(f'{head}<ul class="kk-source-list">{items}</ul>', unsafe_allow_html=True)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return t("detail.unknown")
    return t("detail.yes") if value else t("detail.no")


def glossary_notes(*texts: str) -> None:
    """Small explanations of the glossary terms that occur in the given texts."""
    language = lang()
    joined = " ".join(x for x in texts if x)
    words = set(joined.replace("(", " ").replace(")", " ").replace(",", " ").split())
    for g in glossary():
        if g.term in words:
            full = g.full_en if language == "en" else g.full_nl
            st.caption(f"**{md(g.term)}** ({md(full)}): {md(g.en if language == 'en' else g.nl)}")


def _org_name(model: ChainModel, org_id: str | None) -> str:
    if org_id is None:
        return t("detail.unknown")
    element = model.index.get(org_id)
    return md(name_of(element)) if element is not None else t("detail.unknown")


def show_element(model: ChainModel, element_id: str) -> None:
    """Render the details card for any element id."""
    element = model.index.get(element_id)
    if element is None:
        return
    if isinstance(element, HandOff):
        _show_handoff(model, element)
    elif isinstance(element, Organisation):
        _show_organisation(model, element)
    elif isinstance(element, Signal):
        st.subheader(name_of(element), anchor=False)
        st.markdown(f"**{t('detail.enters_at')}:** {_org_name(model, element.enters_at)}")
        if element.description:
            st.markdown(md(element.description))
        sources_block(model, element.sources, t("detail.sources"))
    elif isinstance(element, Instrument):
        st.subheader(name_of(element), anchor=False)
        if element.description:
            st.markdown(md(element.description))
        sources_block(model, element.legal_bases, t("detail.legal"))
        sources_block(model, element.sources, t("detail.sources"))
    else:
        st.subheader(md(name_of(element)), anchor=False)
        title = getattr(element, "title", None)
        if title and title != name_of(element):
            st.markdown(md(title))
        sources_block(model, [element_id] if model.kind_of(element_id) in ("sources", "legal_bases")
                      else getattr(element, "sources", ()), t("detail.sources"))


def _show_organisation(model: ChainModel, org: Organisation) -> None:
    name = name_of(org)
    st.subheader(name + (f" ({org.abbreviation})" if org.abbreviation and org.abbreviation not in name else ""),
                 anchor=False)
    lines = [f"**{t('detail.kind')}:** {t(_KINDS[org.kind])}",
             f"**{t('detail.domain')}:** {LANE_NAMES[org.domain].in_(lang())}",
             f"**{t('detail.region')}:** {md(org.region)}"]
    if org.part_of:
        lines.append(f"**{t('detail.part_of')}:** {_org_name(model, org.part_of)}")
    st.markdown("  \n".join(lines))
    if org.description:
        st.markdown(md(org.description))
    out, inc = handoffs_of(model, org.id)
    st.markdown(f"**{t('detail.outgoing')}:**")
    st.markdown("\n".join(f"- {md(name_of(h))} → {_org_name(model, h.to_org)}" for h in out) or "–")
    st.markdown(f"**{t('detail.incoming')}:**")
    st.markdown("\n".join(f"- {_org_name(model, h.from_org)} → {md(name_of(h))}" for h in inc) or "–")
    sources_block(model, org.sources, t("detail.sources"))
    glossary_notes(org.name, org.abbreviation or "")


def _show_handoff(model: ChainModel, ho: HandOff) -> None:
    language = lang()
    st.subheader(name_of(ho), anchor=False)
    if ho.status is Status.UNVERIFIED:
        st.caption(t("detail.unverified"))
    st.markdown(t("detail.from_to", src=_org_name(model, ho.from_org), dst=_org_name(model, ho.to_org)))
    passes = ", ".join(value_name(p.value, language) for p in ho.passes)
    phase = model.index.get(ho.phase)
    lines = [f"**{t('detail.trigger')}:** {md(ho.trigger)}", f"**{t('detail.passes')}:** {passes}",
             f"**{t('detail.phase')}:** {md(name_of(phase)) if phase else t('detail.unknown')}"]
    if ho.instrument:
        lines.append(f"**{t('detail.instrument')}:** {_org_name(model, ho.instrument)}")
    lines += [f"**{t('detail.regie')}:** {_org_name(model, ho.regie_after)}",
              f"**{t('detail.feedback')}:** {_yes_no(ho.feedback_required)}",
              f"**{t('detail.acceptance')}:** {_yes_no(ho.acceptance_required)}",
              f"**{t('detail.escalation')}:** {_org_name(model, ho.escalation_to)}"]
    st.markdown("  \n".join(lines))
    if ho.description:
        st.markdown(md(ho.description))
    if ho.legal_bases:
        sources_block(model, ho.legal_bases, t("detail.legal"))
    else:
        st.markdown(f"**{t('detail.legal')}:**  \n{t('detail.no_legal')}")
    st.markdown(f"**{t('detail.norm')}:**")
    if ho.norm is not None:
        st.markdown(f"{md(ho.norm.description)} ({value_name(ho.norm.kind.value, language)})")
        sources_block(model, ho.norm.sources)
    else:
        st.markdown(t("detail.no_norm"))
    st.markdown(f"**{t('detail.failures')}:**")
    if ho.failure_modes:
        for mode in ho.failure_modes:
            described = mode.description_en if language == "en" and mode.description_en else mode.description
            st.markdown(f"- {md(described)}")
            sources_block(model, mode.sources)
    else:
        st.markdown(t("detail.none"))
    sources_block(model, ho.sources, t("detail.sources"))
    glossary_notes(ho.label, ho.trigger, name_of(model.index[ho.instrument]) if ho.instrument in model.index else "")


def open_details(model: ChainModel, element_id: str | None) -> None:
    """Open the details of a clicked map element in a dialog (no-op for None or unknown ids)."""
    if element_id is None or element_id not in model.index:
        return

    @st.dialog(t("map.details"), width="large")
    def _dialog() -> None:
        show_element(model, element_id)
        if model.kind_of(element_id) == "handoffs":
            st.page_link("app_pages/waarom.py", label=t("detail.why"),
                         query_params={"overdracht": element_id, **({"taal": "en"} if lang() == "en" else {})})

    _dialog()
