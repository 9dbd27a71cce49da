"""A partner's operator accounts on its profile (admins only): create one with a one-time
password, or give an existing one a new one-time password; the password is shown once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import fmt
from data_access import credentials
from data_access.accounts import AccountError
from ui import tables
from ui.data import read_fresh
from ui.state import Filters, t, viewer

ISSUED_KEY = "g_one_time_password"
PROBLEM_KEY = "g_operator_problem"


def operator_accounts(partner_id: int, partner_name: str, filters: Filters) -> None:
    st.subheader(t("operator.title"))
    _issued()
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        st.error(problem)
    accounts = read_fresh("partner_accounts", partner_id=partner_id)
    if accounts.empty:
        st.info(t("operator.none", partner=partner_name), icon=":material/person_off:")
    else:
        shown = pd.DataFrame(
            {
                t("auth.username"): accounts["username"],
                t("setup.full_name"): accounts["full_name"],
                t("col.status"): [_state(r) for _, r in accounts.iterrows()],
                t("operator.last_login"): [
                    fmt.long_date(v.date(), filters.lang) if pd.notna(v) else fmt.DASH
                    for v in accounts["last_login_at"]
                ],
            }
        )
        tables.table(shown, key="operators", filters=filters, name=t("operator.title"))
    left, right = st.columns(2)
    with left, st.form("new_operator"):
        st.markdown(f"**{t('operator.create_title')}**")
        st.text_input(t("auth.username"), max_chars=60, key="w_operator_user")
        st.text_input(t("setup.full_name"), max_chars=120, key="w_operator_name")
        st.form_submit_button(
            t("operator.create"), on_click=_create, args=(partner_id,), type="primary"
        )
    real = accounts[~accounts["is_demo"]] if not accounts.empty else accounts
    if not real.empty:
        with right, st.form("reset_operator"):
            st.markdown(f"**{t('operator.reset_title')}**")
            st.selectbox(t("auth.username"), list(real["username"]), key="w_operator_reset")
            st.form_submit_button(t("operator.reset"), on_click=_reset)


def _state(row) -> str:
    if row["disabled"]:
        return t("operator.disabled")
    if row["must_change_password"]:
        return t("operator.waiting")
    return t("operator.active")


def _create(partner_id: int) -> None:
    state = st.session_state
    username = state.get("w_operator_user", "").strip()
    try:
        _, password = credentials.create_operator(
            viewer=viewer(),
            partner_id=partner_id,
            username=username,
            full_name=state.get("w_operator_name", ""),
        )
    except AccountError as exc:
        state[PROBLEM_KEY] = str(exc)
        return
    state["w_operator_user"] = state["w_operator_name"] = ""
    state[ISSUED_KEY] = (username, password)


def _reset() -> None:
    username = st.session_state.get("w_operator_reset")
    try:
        password = credentials.reset_to_one_time(viewer=viewer(), username=username)
    except AccountError as exc:
        st.session_state[PROBLEM_KEY] = str(exc)
        return
    st.session_state[ISSUED_KEY] = (username, password)


def _issued() -> None:
    """The one-time password, once: it leaves the session as soon as it has been shown."""
    issued = st.session_state.pop(ISSUED_KEY, None)
    if issued:
        username, password = issued
        st.success(t("operator.issued", username=username), icon=":material/key:")
        st.code(password, language=None)
