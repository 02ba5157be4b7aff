"""Doorbraakteam: the follow-up board — every agreement by due date, overdue ones first (a lid or the voorzitter)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.errors import ChainError
from graph.vocab import CATEGORY_NAMES
from loaders.register.vocab import AgreementStatus, Role, name
from queries.register.board import follow_up_board
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
st.title(t("reg.page_title", page=t("nav.reg_board").lower()))
who = require(Role.LID)
demo_banner()
reg = register()
st.caption(t("reg.board_intro"))

today = dt.date.today()
finished = st.toggle(t("reg.board_finished"), key="reg_board_finished")
items = follow_up_board(reg.snapshot(), today, finished=finished)
overdue = sum(i.overdue for i in items)
m1, m2 = st.columns(2)
m1.metric(t("reg.board_open"), sum(i.agreement.status.open for i in items))
m2.metric(t("reg.board_overdue"), overdue)
if not items:
    st.info(t("reg.board_empty"))
    st.stop()


def _when(days: int | None) -> str:
    if days is None:
        return "–"
    return t("reg.days_over", n=-days) if days < 0 else t("reg.days_left", n=days)


def _day(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


rows = [{
    t("reg.board_due"): _day(i.agreement.deadline or i.agreement.follow_up),
    t("reg.board_when"): ("⚠ " if i.overdue else "") + _when(i.days),
    t("reg.what"): i.agreement.what,
    t("reg.by_org"): element_label(model, i.agreement.by_organisation).split(" · ")[0]
    + (f" ({i.agreement.by_role})" if i.agreement.by_role else ""),
    t("reg.ag_status"): name(i.agreement.status, language),
    t("reg.level"): name(i.agreement.level, language),
    t("reg.board_from"): (i.casus_code and f"{i.casus_code} #{i.knelpunt_number}") or i.system_issue_code or "",
    t("reg.category"): CATEGORY_NAMES[i.category].in_(language) if i.category else "",
} for i in items]
st.dataframe(rows, hide_index=True, width="stretch", key="reg_board_table", column_config={
    t("reg.board_due"): st.column_config.TextColumn(width="small"),
    t("reg.board_when"): st.column_config.TextColumn(width="small"),
    t("reg.what"): st.column_config.TextColumn(width="large"),
    t("reg.by_org"): st.column_config.TextColumn(width="medium"),
})

st.subheader(t("reg.board_update"))
by_id = {i.agreement.id: i for i in items}
with st.form("reg_board_form"):
    chosen = st.selectbox(
        t("reg.board_pick"),
        list(by_id),
        key="reg_board_pick",
        format_func=lambda a: f"{by_id[a].casus_code or by_id[a].system_issue_code} · {by_id[a].agreement.what[:80]}",
    )
    c1, c2 = st.columns(2)
    statuses = [s.value for s in AgreementStatus]
    new_status = c1.selectbox(t("reg.ag_status"), statuses, key="reg_board_status",
                              index=statuses.index(by_id[chosen].agreement.status.value) if chosen in by_id else 0,
                              format_func=lambda s: name(s, language))
    follow_up = c2.date_input(t("reg.follow_up"), value=None, key="reg_board_follow_up", format="DD-MM-YYYY")
    if st.form_submit_button(t("reg.save"), type="primary"):
        try:
            reg.set_agreement_status(who, chosen, AgreementStatus(new_status), follow_up)
        except ChainError as exc:
            show_register_error(exc)
        else:
            st.rerun()
