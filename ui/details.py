"""Rendering of one element's details (organisation, hand-off, signal, ...). Display only."""

from __future__ import annotations

import streamlit as st

from graph.model import (
    ChainModel,
    HandOff,
    Instrument,
    LegalBasis,
    Organisation,
    Signal,
    Source,
    Status,
)
from ui.i18n import value_name
from ui.mapview import LANE_NAMES, handoffs_of
from ui.state import glossary, lang, name_of, t

__all__ = ["show_element", "source_line", "glossary_notes", "open_details"]


def source_line(model: ChainModel, source_id: str) -> str:
    """A markdown line for a source or legal basis, linked when it has a URL."""
    element = model.index.get(source_id)
    if element is None:
        return f"- `{source_id}`"
    if isinstance(element, LegalBasis):
        label = element.name + (f" — {element.title}" if element.title else "")
        url = element.url
    elif isinstance(element, Source):
        label = element.title + (f" ({element.date})" if element.date else "")
        url = element.url
        if not url and element.file:
            label += f" — {element.file}"
    else:
        label, url = name_of(element), None
    flag = f" · _{t('detail.unverified')}_" if getattr(element, "status", None) is Status.UNVERIFIED else ""
    return f"- [{label}]({url}){flag}" if url else f"- {label}{flag}"


def _source_name(model: ChainModel, source_id: str) -> str:
    element = model.index.get(source_id)
    return getattr(element, "title", None) or getattr(element, "name", None) or source_id


def _yes_no(value: bool | None) -> str:
    if value is None:
        return t("detail.unknown")
    return t("detail.yes") if value else t("detail.no")


def glossary_notes(*texts: str) -> None:
    """Small explanations of the glossary terms that occur in the given texts."""
    language = lang()
    joined = " ".join(x for x in texts if x)
    words = set(joined.replace("(", " ").replace(")", " ").replace(",", " ").split())
    notes = [g for g in glossary() if g.term in words]
    for g in notes:
        full = g.full_en if language == "en" else g.full_nl
        st.caption(f"**{g.term}** ({full}): {g.en if language == 'en' else g.nl}")


def _org_name(model: ChainModel, org_id: str | None) -> str:
    if org_id is None:
        return t("detail.unknown")
    element = model.index.get(org_id)
    return name_of(element) if element is not None else org_id


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
        st.subheader(name_of(element))
        st.markdown(f"**{t('detail.enters_at')}:** {_org_name(model, element.enters_at)}")
        _sources(model, element.sources)
    elif isinstance(element, Instrument):
        st.subheader(name_of(element))
        if element.description:
            st.write(element.description)
        st.markdown(f"**{t('detail.legal')}:**")
        st.markdown("\n".join(source_line(model, lb) for lb in element.legal_bases) or t("detail.no_legal"))
        _sources(model, element.sources)
    else:
        st.subheader(name_of(element))
        _sources(model, getattr(element, "sources", ()))


def _sources(model: ChainModel, sources: tuple[str, ...]) -> None:
    st.markdown(f"**{t('detail.sources')}:**")
    st.markdown("\n".join(source_line(model, s) for s in sources) or "-")


def _show_organisation(model: ChainModel, org: Organisation) -> None:
    en = lang() == "en"
    st.subheader(name_of(org) + (f" ({org.abbreviation})" if org.abbreviation else ""))
    kind = {"organisation": ("organisatie", "organisation"), "post": ("functie", "post"),
            "collaboration": ("samenwerkingsverband", "collaboration"),
            "person": ("gezinslid", "family member")}[org.kind.value][1 if en else 0]
    lines = [f"**{t('detail.kind')}:** {kind}", f"**{t('detail.domain')}:** {LANE_NAMES[org.domain][1 if en else 0]}",
             f"**{t('detail.region')}:** {org.region}"]
    if org.part_of:
        lines.append(f"**{t('detail.part_of')}:** {_org_name(model, org.part_of)}")
    st.markdown("  \n".join(lines))
    if org.description:
        st.write(org.description)
    out, inc = handoffs_of(model, org.id)
    st.markdown(f"**{t('detail.outgoing')}:**")
    st.markdown("\n".join(f"- {name_of(h)} → {_org_name(model, h.to_org)}" for h in out) or "-")
    st.markdown(f"**{t('detail.incoming')}:**")
    st.markdown("\n".join(f"- {_org_name(model, h.from_org)} → {name_of(h)}" for h in inc) or "-")
    _sources(model, org.sources)
    glossary_notes(org.name, org.abbreviation or "")


def _show_handoff(model: ChainModel, ho: HandOff) -> None:
    en = lang() == "en"
    st.subheader(name_of(ho))
    if ho.status is Status.UNVERIFIED:
        st.caption(t("detail.unverified"))
    st.markdown(t("detail.from_to", src=_org_name(model, ho.from_org), dst=_org_name(model, ho.to_org)))
    passes = ", ".join(value_name(p.value, lang()) for p in ho.passes)
    phase = model.index.get(ho.phase)
    lines = [f"**{t('detail.trigger')}:** {ho.trigger}", f"**{t('detail.passes')}:** {passes}",
             f"**{t('detail.phase')}:** {name_of(phase) if phase else ho.phase}"]
    if ho.instrument:
        lines.append(f"**{t('detail.instrument')}:** {_org_name(model, ho.instrument)}")
    lines += [f"**{t('detail.regie')}:** {_org_name(model, ho.regie_after)}",
              f"**{t('detail.feedback')}:** {_yes_no(ho.feedback_required)}",
              f"**{t('detail.acceptance')}:** {_yes_no(ho.acceptance_required)}",
              f"**{t('detail.escalation')}:** {_org_name(model, ho.escalation_to)}"]
    st.markdown("  \n".join(lines))
    st.markdown(f"**{t('detail.legal')}:**")
    if ho.legal_bases:
        st.markdown("\n".join(source_line(model, lb) for lb in ho.legal_bases))
    else:
        st.markdown(t("detail.no_legal"))
    st.markdown(f"**{t('detail.norm')}:**")
    if ho.norm is not None:
        st.markdown(f"{ho.norm.description} ({value_name(ho.norm.kind.value, lang())})")
        st.markdown("\n".join(source_line(model, s) for s in ho.norm.sources))
    else:
        st.markdown(t("detail.no_norm"))
    st.markdown(f"**{t('detail.failures')}:**")
    if ho.failure_modes:
        for mode in ho.failure_modes:
            text = mode.description_en if en and mode.description_en else mode.description
            cites = ", ".join(_source_name(model, s) for s in mode.sources)
            st.markdown(f"- {text} _({cites})_")
    else:
        st.markdown(t("detail.none"))
    _sources(model, ho.sources)
    glossary_notes(ho.label, ho.trigger, _org_name(model, ho.instrument) if ho.instrument else "")


def open_details(model: ChainModel, element_id: str | None) -> None:
    """Open the details of a clicked map element in a dialog (no-op for None or unknown ids)."""
    if element_id is None or element_id not in model.index:
        return

    @st.dialog(t("map.details"), width="large")
    def _dialog() -> None:
        show_element(model, element_id)
        if model.kind_of(element_id) == "handoffs" and st.button(t("detail.why"), key="dialog_why"):
            st.session_state["why_handoff"] = element_id
            st.switch_page("app_pages/waarom.py")

    _dialog()
