"""Doorbraakteam: where reviewed casussen got stuck — per category, per chain element, systeemknelpunten.

Every role; lezers see suppressed counts (<5) and no casus detail.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.settings import Settings
from graph.vocab import CATEGORY_NAMES
from loaders.register.vocab import Role, name
from queries.register.aggregates import category_totals, element_findings
from queries.register.evidence import agreement_phrase
from queries.register.systemic import system_views
from ui.register_auth import demo_banner, element_label, register, require
from ui.state import chain, lang, t

model = chain().model
language = lang()
st.title(t("reg.page_title", page=t("nav.reg_overview").lower()))
who = require(Role.LEZER)
demo_banner()
member = who.can(Role.LID)
st.caption(t("reg.overview_intro") + ("" if member else " " + t("reg.suppressed_note")))

snapshot = register().snapshot()
threshold = Settings.from_env().suppression_threshold
days = [c.review_date for c in snapshot.casussen] or [dt.date.today()]
c1, c2 = st.columns(2)
start = c1.date_input(t("reg.from"), value=min(days), key="reg_ov_from", format="DD-MM-YYYY")
end = c2.date_input(t("reg.to"), value=max(max(days), dt.date.today()), key="reg_ov_to", format="DD-MM-YYYY")

cats = category_totals(snapshot, threshold=threshold, suppressed=not member, start=start, end=end)
found = element_findings(snapshot, threshold=threshold, suppressed=not member, start=start, end=end)
if not found:
    st.info(t("reg.nothing"))
    st.stop()

st.subheader(t("reg.per_category"))
st.dataframe([{t("reg.category"): CATEGORY_NAMES[c.category].in_(language), t("reg.casussen"): c.casussen.label,
               t("reg.knelpunten"): c.knelpunten.label} for c in cats], hide_index=True)
st.subheader(t("reg.per_element"))
st.dataframe([{t("reg.element"): element_label(model, f.element), t("reg.casussen"): f.casussen.label,
               t("reg.categories"): ", ".join(f"{CATEGORY_NAMES[c].in_(language)} ({n.label})" for c, n in f.categories),
               t("reg.latest_agreement"): agreement_phrase(f.agreements[0]).in_(language) if f.agreements else ""}
              for f in found], hide_index=True, width="stretch", column_config={
                  t("reg.element"): st.column_config.TextColumn(width="large"),
                  t("reg.casussen"): st.column_config.TextColumn(width="small")})

st.subheader(t("nav.reg_system"))
views = system_views(snapshot, threshold=threshold, members=member)
if not views:
    st.info(t("reg.no_system"))
for v in views:
    with st.container(border=True):
        st.markdown(f"**{v.issue.code} · {v.issue.title}**")
        st.caption(" · ".join([CATEGORY_NAMES[v.issue.category].in_(language), f"{t('reg.level')}: {name(v.issue.level, language)}",
                               f"{t('reg.status')}: {name(v.issue.status, language)}",
                               f"{t('reg.casussen')}: {v.casussen.label}"]))
        st.markdown(", ".join(element_label(model, e) for e in v.elements[:4]))
