"""Doorbraakteam: systeemknelpunten — patterns across casussen and the level they were taken to.

Every role sees them (lezers with suppressed counts, no casus references); a lid records a new one.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.errors import ChainError
from graph.settings import Settings
from graph.vocab import CATEGORY_NAMES, Category
from loaders.register.validate import field_label, parse_system_issue
from loaders.register.vocab import Level, Role, SystemStatus, name
from queries.register.evidence import agreement_phrase
from queries.register.systemic import system_views
from ui.register_auth import (
    demo_banner,
    element_label,
    register,
    require,
    show_register_error,
)
from ui.state import chain, lang, t

model = chain().model
language = lang()
st.title(t("reg.page_title", page=t("nav.reg_system").lower()))
who = require(Role.LEZER)
demo_banner()
reg = register()
member = who.can(Role.LID)
st.caption(t("reg.system_intro"))
snapshot = reg.snapshot()
views = system_views(snapshot, threshold=Settings.from_env().suppression_threshold, members=member)
if not views:
    st.info(t("reg.no_system"))
for v in views:
    with st.container(border=True):
        st.subheader(f"{v.issue.code} · {v.issue.title}")
        st.markdown(" · ".join([f"**{t('reg.category')}:** {CATEGORY_NAMES[v.issue.category].in_(language)}",
                                f"**{t('reg.level')}:** {name(v.issue.level, language)}",
                                f"**{t('reg.status')}:** {name(v.issue.status, language)}",
                                f"**{t('reg.casussen')}:** {v.casussen.label}"]))
        if v.issue.description:
            st.write(v.issue.description)
        if v.issue.owner_organisation:
            st.caption(f"{t('reg.owner')}: " + element_label(model, v.issue.owner_organisation).split(" · ")[0]
                       + (f" ({v.issue.owner_role})" if v.issue.owner_role else ""))
        st.markdown("\n".join(f"- {element_label(model, e)}" for e in v.elements))
        for a in v.issue.agreements:
            st.markdown(f"- {agreement_phrase(a).in_(language)}")
        if member and v.knelpunten:
            st.caption(t("reg.grouped") + ": " + ", ".join(f"{code} #{n}" for code, n in v.knelpunten if code))

if not member:
    st.stop()
if views:
    st.subheader(t("reg.system_update"))
    by_code = {v.issue.code: v.issue for v in views}
    chosen_code = st.selectbox(t("reg.code"), list(by_code), key="reg_sys_upd_code",
                               format_func=lambda c: f"{c} · {by_code[c].title[:80]}")
    with st.form(f"reg_system_update_{chosen_code}"):
        u2, u3 = st.columns(2)
        new_level = u2.selectbox(t("reg.level"), [lv.value for lv in Level], key=f"reg_sys_upd_level_{chosen_code}",
                                 index=list(Level).index(by_code[chosen_code].level),
                                 format_func=lambda lv: name(lv, language))
        new_status = u3.selectbox(t("reg.status"), [x.value for x in SystemStatus],
                                  key=f"reg_sys_upd_status_{chosen_code}",
                                  index=list(SystemStatus).index(by_code[chosen_code].status),
                                  format_func=lambda x: name(x, language))
        if st.form_submit_button(t("reg.save")):
            issue = by_code[chosen_code]
            parsed, problems = parse_system_issue({
                "code": issue.code, "title": issue.title, "description": issue.description,
                "category": issue.category.value, "level": new_level, "status": new_status,
                "owner_organisation": issue.owner_organisation, "owner_role": issue.owner_role,
                "knelpunt_ids": list(issue.knelpunt_ids)}, model)
            for p in problems:
                st.error(f"{field_label(p.field, language)}: {p.en if language == 'en' else p.nl}")
            if parsed:
                try:
                    reg.update_system_issue(who, issue.code, parsed)
                except ChainError as exc:
                    show_register_error(exc)
                else:
                    st.rerun()
st.subheader(t("reg.system_new"))
knelpunten = {k.id: (c, k) for c in snapshot.casussen if c.code for k in c.knelpunten}
year = dt.date.today().year
used = {v.issue.code for v in views}
next_code = next(f"SYS-{year}-{n:02d}" for n in range(1, 100) if f"SYS-{year}-{n:02d}" not in used)
with st.form("reg_system_form"):
    c1, c2 = st.columns([1, 3])
    code = c1.text_input(t("reg.code"), value=next_code, key="reg_sys_code")
    title = c2.text_input(t("reg.title"), key="reg_sys_title")
    description = st.text_area(t("reg.description"), key="reg_sys_description", height=68)
    d1, d2, d3 = st.columns(3)
    category = d1.selectbox(t("reg.category"), [c.value for c in Category], key="reg_sys_category",
                            format_func=lambda c: CATEGORY_NAMES[Category(c)].in_(language))
    level = d2.selectbox(t("reg.level"), [lv.value for lv in Level], index=1, key="reg_sys_level",
                         format_func=lambda lv: name(lv, language))
    status = d3.selectbox(t("reg.status"), [s.value for s in SystemStatus], key="reg_sys_status",
                          format_func=lambda s: name(s, language))
    chosen = st.multiselect(t("reg.grouped"), list(knelpunten), key="reg_sys_knelpunten", placeholder=t("choose"),
                            format_func=lambda i: f"{knelpunten[i][0].code} #{knelpunten[i][1].number} · "
                            f"{CATEGORY_NAMES[knelpunten[i][1].category].in_(language)} · "
                            + ", ".join(element_label(model, e).split(' · ')[0] for e in knelpunten[i][1].elements))
    organisations = [o.id for o in model.organisations]
    o1, o2 = st.columns(2)
    owner = o1.selectbox(t("reg.owner"), organisations, index=None, key="reg_sys_owner", placeholder=t("choose"),
                         format_func=lambda o: element_label(model, o).split(" · ")[0])
    owner_role = o2.text_input(t("reg.by_role"), key="reg_sys_owner_role")
    submitted = st.form_submit_button(t("reg.save"), type="primary")
if submitted:
    parsed, problems = parse_system_issue({"code": code, "title": title, "description": description, "category": category,
                                           "level": level, "status": status, "owner_organisation": owner,
                                           "owner_role": owner_role, "knelpunt_ids": chosen}, model)
    for p in problems:
        st.error(f"{field_label(p.field, language)}: {p.en if language == 'en' else p.nl}")
    if parsed:
        try:
            reg.add_system_issue(who, parsed)
        except ChainError as exc:
            show_register_error(exc)
        else:
            st.rerun()
