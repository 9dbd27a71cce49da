"""Reminders by e-mail, for admins on their home page: whether they are on (the mail
server's settings), what went out in the last 30 days, and each mail with its state and
its last error."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import streamlit as st

from core.mail.mail_settings import mail_state
from core.text import fmt
from data_access.mail import reminders
from ui.frame import tables
from ui.frame.data import read
from ui.frame.state import Filters, t

COUNTED = ("sent", "pending", "failed", "gave_up")


def mail_status(filters: Filters) -> None:
    lang = filters.lang
    st.subheader(t("mail.title"))
    state, detail = mail_state()
    if state == "off":
        st.info(t("mail.off"), icon=":material/unsubscribe:")
    elif state == "wrong":
        st.error(t("mail.wrong", detail=detail), icon=":material/error:")
    else:
        st.success(t("mail.on", server=detail), icon=":material/forward_to_inbox:")
    counts = read(reminders.mail_counts, since=datetime.now() - timedelta(days=30))
    columns = st.columns(len(COUNTED))
    for column, status in zip(columns, COUNTED, strict=True):
        column.metric(t(f"mail.status.{status}"), fmt.number(counts[status], lang))
    st.caption(t("mail.counts_note"))
    log = read(reminders.mail_log)
    if log.empty:
        st.caption(t("mail.none"))
        return

    def when(values: pd.Series) -> list[str]:
        return [fmt.long_datetime(v, lang) if pd.notna(v) else "–" for v in values]

    waits = log["status"].isin(("pending", "failed"))
    shown = pd.DataFrame(
        {
            t("mail.created"): when(log["created_at"]),
            t("mail.kind_col"): [t(f"mail.kind.{k}") for k in log["kind"]],
            t("mail.recipient"): log["recipient"],
            t("mail.subject"): log["subject"],
            t("mail.state"): [t(f"mail.status.{s}") for s in log["status"]],
            t("mail.attempts"): log["attempts"],
            t("mail.next_try"): when(log["next_try_at"].where(waits)),
            t("mail.error"): log["error"],
        }
    )
    tables.table(
        shown,
        key="mail_log",
        filters=filters,
        name=t("mail.title"),
        formats={t("mail.attempts"): "int"},
        details=[t("mail.subject")],
    )
