"""Who is signed in now (admins, on the registry page): account, since when, last activity,
from where; an admin can end any of these sessions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.text import fmt
from data_access.accounts import sessions, sso
from ui.frame import tables
from ui.frame.data import read
from ui.frame.state import Filters, t, viewer

DONE_KEY = "g_session_ended"
HANDLED_KEY = "g_request_handled"


def live_sessions(filters: Filters) -> None:
    st.subheader(t("sessions.title"))
    st.caption(t("sessions.intro"))
    ended = st.session_state.pop(DONE_KEY, None)
    if ended:
        st.success(t("sessions.ended", username=ended), icon=":material/logout:")
    live = read(sessions.live_sessions)
    if live.empty:
        st.info(t("sessions.none"), icon=":material/person_off:")
        return
    lang = filters.lang

    def when(values: pd.Series) -> list[str]:
        return [fmt.long_datetime(v, lang) for v in values]

    shown = pd.DataFrame(
        {
            t("auth.username"): live["username"],
            t("setup.full_name"): live["full_name"],
            t("operator.role"): [t(f"role.{r}") for r in live["role"]],
            t("sessions.method"): [t(f"sessions.method_{m}") for m in live["method"]],
            t("sessions.since"): when(live["created_at"]),
            t("sessions.last_seen"): when(live["last_seen_at"]),
            t("sessions.client"): live["client"].replace("", fmt.DASH),
        }
    )
    tables.table(
        shown,
        key="live_sessions",
        filters=filters,
        name=t("sessions.title"),
        details=[t("setup.full_name"), t("sessions.client")],
    )
    labels = {
        int(r.session_id): t(
            "sessions.choice", username=r.username, since=r.created_at.strftime("%d/%m %H.%M")
        )
        for r in live.itertuples()
    }
    with st.form("end_session"):
        st.selectbox(
            t("sessions.choose"), list(labels), format_func=labels.get, key="w_end_session"
        )
        st.form_submit_button(t("sessions.end"), on_click=_end, args=(labels,))


def _end(labels: dict[int, str]) -> None:
    chosen = st.session_state.get("w_end_session")
    if chosen is None:
        return
    sessions.end_by_admin(viewer=viewer(), session_id=chosen)
    st.session_state[DONE_KEY] = labels[chosen].split(" ")[0]


def access_requests(filters: Filters) -> None:
    """People the single sign-on provider let through who have no account here yet."""
    st.subheader(t("requests.title"))
    st.caption(t("requests.intro"))
    if st.session_state.pop(HANDLED_KEY, None):
        st.success(t("requests.handled"), icon=":material/task_alt:")
    waiting = read(sso.access_requests)
    if waiting.empty:
        st.info(t("requests.none"), icon=":material/inbox:")
        return
    lang = filters.lang
    shown = pd.DataFrame(
        {
            t("requests.email"): waiting["email"],
            t("setup.full_name"): waiting["name"],
            t("requests.provider"): waiting["provider"],
            t("requests.last"): [fmt.long_datetime(v, lang) for v in waiting["last_at"]],
            t("requests.attempts"): waiting["attempts"],
        }
    )
    tables.table(
        shown,
        key="access_requests",
        filters=filters,
        name=t("requests.title"),
        formats={t("requests.attempts"): "int"},
    )
    emails = dict(zip(waiting["request_id"].astype(int), waiting["email"], strict=True))
    with st.form("handle_request"):
        st.selectbox(
            t("requests.email"), list(emails), format_func=emails.get, key="w_handle_request"
        )
        st.form_submit_button(t("requests.mark"), on_click=_handled)


def _handled() -> None:
    chosen = st.session_state.get("w_handle_request")
    if chosen is not None:
        sso.mark_handled(viewer=viewer(), request_id=chosen)
        st.session_state[HANDLED_KEY] = True
