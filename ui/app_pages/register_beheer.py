"""Doorbraakteam: administration for the voorzitter — members, the audit trail, retention."""

from __future__ import annotations

import streamlit as st

from graph.errors import ChainError
from graph.settings import Settings
from loaders.register import accounts as acc
from loaders.register.retention import apply_retention, due_for_reduction
from loaders.register.vocab import Role, name
from ui.register_auth import demo_banner, register, require, show_register_error
from ui.state import lang, t

language = lang()
st.title(t("reg.page_title", page=t("nav.reg_admin").lower()))
who = require(Role.VOORZITTER)
demo_banner()
reg = register()
settings = Settings.from_env()

st.subheader(t("reg.members"))
st.dataframe([{t("reg.username"): a.username, t("reg.role"): name(a.role, language),
               t("reg.login_with"): ", ".join(filter(None, [t("reg.password") if a.has_password else "",
                                                            f"OIDC {a.oidc_email}" if a.oidc_email else ""])),
               t("reg.active"): "✓" if a.active else "–"} for a in reg.accounts()], hide_index=True, width="stretch")
with st.form("reg_member_form", clear_on_submit=True):
    c1, c2, c3 = st.columns(3)
    username = c1.text_input(t("reg.username"), key="reg_new_user")
    role = c2.selectbox(t("reg.role"), [r.value for r in Role], key="reg_new_role", format_func=lambda r: name(r, language))
    email = c3.text_input(t("reg.oidc_email"), key="reg_new_email")
    password = st.text_input(t("reg.password"), type="password", key="reg_new_password", help=t("reg.password_help"))
    if st.form_submit_button(t("reg.member_add")):
        try:
            acc.add_account(reg, who, username, Role(role), password=password or None, oidc_email=email or None)
        except ChainError as exc:
            show_register_error(exc)
        else:
            st.rerun()

st.subheader(t("reg.audit"))
report = reg.verify_audit()
if report.ok:
    st.success(t("reg.audit_ok", n=report.entries, head=report.head.split(":", 1)[1][:16]))
else:
    st.error(t("reg.audit_broken"))
    for problem in report.problems:
        st.error(problem)
st.dataframe([{"#": e.id, t("reg.when"): e.at.strftime("%d-%m-%Y %H:%M"), t("reg.who"): e.actor,
               t("reg.action"): f"{e.action} {e.entity} {e.entity_id}"} for e in reg.audit_entries(limit=50)][::-1],
             hide_index=True, width="stretch")

st.subheader(t("reg.retention"))
due = due_for_reduction(reg, settings.register_retention_months)
st.write(t("reg.retention_due", n=len(due), months=settings.register_retention_months))
if due and st.button(t("reg.retention_run"), key="reg_retention_run"):
    apply_retention(reg, who, settings.register_retention_months)
    st.rerun()
