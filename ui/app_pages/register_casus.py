"""Doorbraakteam: record or edit a casus with its knelpunten and doorbraken (a lid; the voorzitter closes).

Chain elements are chosen by typing in the search field of each knelpunt, or
by clicking the chain map in the expander above the form.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.errors import ChainError
from graph.vocab import CATEGORY_NAMES, Category
from loaders.register.validate import field_label, parse_casus
from loaders.register.vocab import (
    REGIONS,
    AgreementStatus,
    CasusStatus,
    Level,
    Role,
    ViolenceKind,
    name,
)
from ui.register_auth import (
    demo_banner,
    element_label,
    element_options,
    register,
    require,
    show_register_error,
)
from ui.state import chain, lang, map_texts, t

model = chain().model
language = lang()
st.title(t("reg.page_title", page=t("nav.reg_casus").lower()))
who = require(Role.LID)
demo_banner()
reg = register()

NEW = ""
jump = st.session_state.pop("reg_casus_jump", None)
if jump is not None:
    st.session_state["reg_casus_pick"] = jump
if "reg_saved" in st.session_state:
    st.success(t("reg.saved", code=st.session_state.pop("reg_saved")))
codes = [c.code for c in reg.casussen(who) if c.code]
pick = st.selectbox(t("reg.casus_pick"), [NEW, *codes], key="reg_casus_pick",
                    format_func=lambda c: t("reg.casus_new") if c == NEW else c)
existing = reg.casus(who, pick) if pick else None  # looked up by code, so a picked casus's code is pick
prefix = f"reg_{pick or 'new'}"
organisations = [o.id for o in model.organisations]
options = element_options(model)

n = st.number_input(t("reg.n_knelpunten"), min_value=1, max_value=8, step=1, key=f"{prefix}_n",
                    value=len(existing.knelpunten) if existing and existing.knelpunten else 1)

with st.expander(t("reg.map_pick")):
    from ui.components.chainmap import chain_map
    from ui.mapview import MapFilter, map_view

    clicked = chain_map(map_view(model, MapFilter(), lang=language), key="reg_map", text=map_texts()).clicked
    if clicked and clicked in options:
        st.session_state["reg_map_pick"] = clicked
    chosen = st.session_state.get("reg_map_pick")
    if chosen:
        st.markdown(t("reg.map_chosen", name=element_label(model, chosen)))
        for i, column in enumerate(st.columns(int(n))):
            if column.button(t("reg.map_add", n=i + 1), key=f"{prefix}_add_{i}"):
                current = list(st.session_state.get(f"{prefix}_kp{i}_elements") or [])
                st.session_state[f"{prefix}_kp{i}_elements"] = [*current, chosen] if chosen not in current else current
                st.rerun()
    else:
        st.caption(t("reg.map_hint"))


def _kp(i: int):
    return existing.knelpunten[i] if existing and i < len(existing.knelpunten) else None


def _ag(i: int):
    k = _kp(i)
    return k.agreements[0] if k and k.agreements else None


raw: dict = {}
with st.form(f"{prefix}_form", border=True):
    c1, c2, c3 = st.columns([1.2, 1, 1.4])
    raw["code"] = c1.text_input(t("reg.code"), value=existing.code if existing else reg.next_code(dt.date.today().year),
                                key=f"{prefix}_code", disabled=existing is not None, help=t("reg.code_help"))
    raw["review_date"] = c2.date_input(
        t("reg.review_date"),
        value=existing.review_date if existing else dt.date.today(),
        key=f"{prefix}_date",
        format="DD-MM-YYYY",
    )
    regions = list(REGIONS)
    raw["region"] = c3.selectbox(t("reg.region"), regions, key=f"{prefix}_region",
                                 index=regions.index(existing.region) if existing and existing.region in regions else 0,
                                 format_func=REGIONS.__getitem__)
    c4, c5 = st.columns(2)
    raw["violence"] = c4.multiselect(t("reg.violence"), [v.value for v in ViolenceKind], key=f"{prefix}_violence",
                                     default=[v.value for v in existing.violence] if existing else None,
                                     format_func=lambda v: name(v, language), placeholder=t("choose"))
    raw["organisations"] = c5.multiselect(t("reg.organisations"), organisations, key=f"{prefix}_orgs",
                                          default=list(existing.organisations) if existing else None,
                                          format_func=lambda o: element_label(model, o).split(" · ")[0],
                                          placeholder=t("choose"))
    raw["knelpunten"] = []
    for i in range(int(n)):
        k, a = _kp(i), _ag(i)
        st.markdown(f"#### {t('reg.knelpunt_n', n=i + 1)}")
        e1, e2 = st.columns([3, 1])
        elements = e1.multiselect(
            t("reg.elements"),
            options,
            key=f"{prefix}_kp{i}_elements",
            default=list(k.elements) if k and f"{prefix}_kp{i}_elements" not in st.session_state else None,
            format_func=lambda e: element_label(model, e),
            placeholder=t("reg.elements_ph"),
            help=t("reg.elements_help"),
        )
        categories = [c.value for c in Category]
        category = e2.selectbox(
            t("reg.category"),
            categories,
            key=f"{prefix}_kp{i}_category",
            index=categories.index(k.category.value) if k else None,
            format_func=lambda c: CATEGORY_NAMES[Category(c)].in_(language),
            placeholder=t("reg.choose_one"),
        )
        description = st.text_area(t("reg.description"), value=k.description or "" if k else "", height=68,
                                   key=f"{prefix}_kp{i}_description", help=t("reg.privacy_help"))
        evidence = st.text_input(t("reg.evidence"), value=k.evidence or "" if k else "", key=f"{prefix}_kp{i}_evidence")
        st.markdown(f"**{t('reg.doorbraak')}** — {t('reg.doorbraak_help')}")
        a1, a2, a3 = st.columns([3, 1.6, 1.4])
        what = a1.text_input(t("reg.what"), value=a.what if a else "", key=f"{prefix}_kp{i}_what")
        by_org = a2.selectbox(
            t("reg.by_org"),
            organisations,
            key=f"{prefix}_kp{i}_by_org",
            index=organisations.index(a.by_organisation) if a and a.by_organisation in organisations else None,
            format_func=lambda o: element_label(model, o).split(" · ")[0],
            placeholder=t("reg.choose_one"),
        )
        by_role = a3.text_input(t("reg.by_role"), value=a.by_role or "" if a else "", key=f"{prefix}_kp{i}_by_role",
                                help=t("reg.by_role_help"))
        b1, b2, b3, b4 = st.columns(4)
        deadline = b1.date_input(t("reg.deadline"), value=a.deadline if a else None, key=f"{prefix}_kp{i}_deadline",
                                 format="DD-MM-YYYY")
        follow_up = b2.date_input(t("reg.follow_up"), value=a.follow_up if a else None, key=f"{prefix}_kp{i}_follow_up",
                                  format="DD-MM-YYYY")
        statuses = [s.value for s in AgreementStatus]
        status = b3.selectbox(t("reg.ag_status"), statuses, key=f"{prefix}_kp{i}_status",
                              index=statuses.index(a.status.value) if a else 0, format_func=lambda s: name(s, language))
        levels = [lv.value for lv in Level]
        level = b4.selectbox(t("reg.level"), levels, key=f"{prefix}_kp{i}_level",
                             index=levels.index(a.level.value) if a else 1, format_func=lambda lv: name(lv, language))
        agreements = [] if not what.strip() else [{
            "what": what, "by_organisation": by_org, "by_role": by_role, "deadline": deadline, "follow_up": follow_up,
            "status": status, "level": level, "agreed_on": a.agreed_on if a else None}]
        agreements += [
            {
                "what": x.what,
                "by_organisation": x.by_organisation,
                "by_role": x.by_role,
                "deadline": x.deadline,
                "follow_up": x.follow_up,
                "status": x.status.value,
                "level": x.level.value,
                "agreed_on": x.agreed_on,
            }
            for x in (k.agreements[1:] if k else ())
        ]
        raw["knelpunten"].append({"elements": elements, "category": category, "description": description,
                                  "evidence": evidence, "agreements": agreements})
    statuses = [CasusStatus.IN_REVIEW.value, CasusStatus.FOLLOW_UP.value]
    if existing and existing.status is CasusStatus.CLOSED:
        statuses.append(CasusStatus.CLOSED.value)
    raw["status"] = st.selectbox(
        t("reg.casus_status"),
        statuses,
        key=f"{prefix}_status",
        index=statuses.index(existing.status.value) if existing and existing.status.value in statuses else 0,
        format_func=lambda s: name(s, language),
    )
    if existing:
        raw["closed_on"] = existing.closed_on
    submitted = st.form_submit_button(t("reg.save"), type="primary")

if submitted:
    parsed, problems = parse_casus(raw, model)
    if parsed is None:  # then there are problems
        st.error(t("reg.problems", n=len(problems)))
        for p in problems:
            st.error(f"{field_label(p.field, language)}: {p.en if language == 'en' else p.nl}")
    else:
        try:
            saved = reg.update_casus(who, pick, parsed) if pick else reg.add_casus(who, parsed)
        except ChainError as exc:
            show_register_error(exc)
        else:
            st.session_state["reg_saved"] = saved.code
            st.session_state["reg_casus_jump"] = saved.code
            st.rerun()

closable = existing is not None and who.can(Role.VOORZITTER) and existing.status is not CasusStatus.CLOSED
if pick and closable and st.button(t("reg.close"), key=f"{prefix}_close"):
    try:
        reg.close_casus(who, pick)
    except ChainError as exc:
        show_register_error(exc)
    else:
        st.session_state["reg_saved"] = pick
        st.rerun()
