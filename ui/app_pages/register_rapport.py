"""Doorbraakteam: the report "Overzicht bevindingen Doorbraakteam" for a period, as PDF and DOCX.

Every role may download it (it holds no casus detail and only suppressed counts); the voorzitter approves it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.errors import ChainError
from graph.settings import Settings
from loaders.register.vocab import Role
from queries.register.report import date_phrase, overview
from ui.exports.register_report import render_report
from ui.register_auth import demo_banner, register, require, show_register_error
from ui.state import chain, lang, t

model = chain().model
language = lang()
st.title(t("reg.page_title", page=t("nav.reg_report").lower()))
who = require(Role.LEZER)
demo_banner()
reg = register()
st.caption(t("reg.report_intro"))
today = dt.date.today()
c1, c2 = st.columns(2)
start = c1.date_input(t("reg.from"), value=dt.date(today.year, 1, 1), key="reg_rep_from", format="DD-MM-YYYY")
end = c2.date_input(t("reg.to"), value=today, key="reg_rep_to", format="DD-MM-YYYY")
content = overview(reg.snapshot(), model, start, end, threshold=Settings.from_env().suppression_threshold, today=today)
approval = reg.approval(start, end)
if approval:
    st.success(t("reg.approved", who=approval.approved_by, when=date_phrase(approval.approved_at.date()).in_(language)))
else:
    st.info(t("reg.concept"))
with st.container(border=True):
    st.subheader(content.title.in_(language))
    for sentence in content.summary:
        st.markdown(sentence.in_(language))
stem = f"overzicht-doorbraakteam-{start:%Y%m%d}-{end:%Y%m%d}"
d1, d2 = st.columns(2)
d1.download_button(t("reg.pdf"), data=lambda: render_report(content, "pdf", model=model, approval=approval, lang=language),
                   file_name=f"{stem}.pdf", mime="application/pdf", key="reg_rep_pdf", on_click="ignore", type="primary")
d2.download_button(t("reg.docx"), data=lambda: render_report(content, "docx", model=model, approval=approval, lang=language),
                   file_name=f"{stem}.docx", key="reg_rep_docx", on_click="ignore",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
if who.can(Role.VOORZITTER) and st.button(t("reg.approve"), key="reg_rep_approve"):
    try:
        reg.approve_report(who, start, end)
    except ChainError as exc:
        show_register_error(exc)
    else:
        st.rerun()
