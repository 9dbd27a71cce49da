"""Jejak Audit: who changed what and when (admins only)."""

from datetime import date

import pandas as pd
import streamlit as st

from core.accounts.roles import Role
from core.text import audit_text
from ui.accounts import auth
from ui.frame import reads, tables, widgets
from ui.frame.data import read
from ui.frame.state import current, t

f = current(__file__)
widgets.demo_banner()
me = auth.account()
st.title(t("audit.title"))
if not me or me["role"] != Role.ADMIN:
    st.error(t("audit.admins_only"))
    st.stop()
choices = read(reads.audit.audit_choices)
left, middle, right = st.columns(3)
actor = left.selectbox(
    t("audit.actor"),
    [None, *choices["actors"]],
    key="w_audit_actor",
    format_func=lambda v: t("audit.all") if v is None else v,
)
action = middle.selectbox(
    t("audit.action"),
    [None, *choices["actions"]],
    key="w_audit_action",
    format_func=lambda v: t("audit.all") if v is None else audit_text.action(v, f.lang),
)
days = right.date_input(
    t("audit.dates"), value=(), key="w_audit_dates", format="DD/MM/YYYY", max_value=date.today()
)
since, until = (days + (None, None))[:2] if isinstance(days, tuple) else (days, days)
entries = read(reads.audit.audit_entries, actor=actor, action=action, since=since, until=until)
st.caption(t("audit.note", n=len(entries)))
if entries.empty:
    st.info(t("audit.empty"))
else:
    shown = pd.DataFrame(
        {
            t("audit.at"): entries["at"].dt.strftime("%d/%m/%Y %H.%M.%S"),
            t("audit.actor"): entries["actor"],
            t("audit.action"): [audit_text.action(a, f.lang) for a in entries["action"]],
            t("audit.entity"): [audit_text.entity(e, f.lang) for e in entries["entity"]],
            t("audit.entity_id"): entries["entity_id"],
            t("audit.old"): [audit_text.values(v, f.lang) for v in entries["old_values"]],
            t("audit.new"): [audit_text.values(v, f.lang) for v in entries["new_values"]],
        }
    )
    tables.table(
        shown,
        key="audit",
        filters=f,
        name=t("audit.title"),
        details=[t("audit.old"), t("audit.new")],
    )
