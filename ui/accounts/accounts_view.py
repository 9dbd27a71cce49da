"""Accounts created by admins with a one-time password, shown once: a partner's operators
(on its profile) and the agency's staff (on the registry page). An existing account can get
a new one-time password when its owner forgot or leaked the old one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.accounts.roles import STAFF, Role
from core.text import fmt
from data_access.accounts import credentials, sso
from data_access.accounts.accounts import AccountError
from ui.accounts import sso as sso_page
from ui.frame import tables
from ui.frame.data import read
from ui.frame.state import Filters, t, viewer

ISSUED_KEY = "g_one_time_password"
PROBLEM_KEY = "g_account_problem"
DONE_KEY = "g_account_done"


def operator_accounts(partner_id: int, partner_name: str, filters: Filters) -> None:
    """A partner's operator accounts, on its profile."""
    st.subheader(t("operator.title"))
    accounts = read(credentials.partner_accounts, partner_id=partner_id)
    _accounts(
        accounts,
        filters,
        key="operators",
        empty=t("operator.none", partner=partner_name),
        roles=False,
    )
    _forms(accounts, role=None, partner_id=partner_id)


def staff_accounts(filters: Filters) -> None:
    """The agency's own accounts, on the registry page."""
    accounts = read(credentials.staff_accounts)
    _accounts(accounts, filters, key="staff", empty=t("operator.no_staff"), roles=True)
    _forms(accounts, role=STAFF, partner_id=None)


def _accounts(
    accounts: pd.DataFrame, filters: Filters, *, key: str, empty: str, roles: bool
) -> None:
    _issued()
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        st.error(problem)
    if accounts.empty:
        st.info(empty, icon=":material/person_off:")
        return
    shown = pd.DataFrame(
        {
            t("auth.username"): accounts["username"],
            t("setup.full_name"): accounts["full_name"],
            **({t("operator.role"): [t(f"role.{r}") for r in accounts["role"]]} if roles else {}),
            t("col.status"): [_state(r) for _, r in accounts.iterrows()],
            t("operator.last_login"): [
                fmt.long_date(v.date(), filters.lang) if pd.notna(v) else fmt.DASH
                for v in accounts["last_login_at"]
            ],
            t("operator.email"): accounts["email"].fillna(fmt.DASH),
        }
    )
    tables.table(
        shown, key=key, filters=filters, name=t("operator.title"), details=[t("operator.email")]
    )


def _forms(accounts: pd.DataFrame, *, role, partner_id: int | None) -> None:
    left, right = st.columns(2)
    with left, st.form(f"new_account_{partner_id}"):
        st.markdown(f"**{t('operator.create_title')}**")
        st.text_input(t("auth.username"), max_chars=60, key="w_account_user")
        st.text_input(t("setup.full_name"), max_chars=120, key="w_account_name")
        if role:
            st.selectbox(
                t("operator.role"), role, key="w_account_role", format_func=lambda r: t(f"role.{r}")
            )
        st.form_submit_button(
            t("operator.create"), on_click=_create, args=(partner_id,), type="primary"
        )
    real = accounts[~accounts["is_demo"]] if not accounts.empty else accounts
    if not real.empty:
        with right, st.form(f"reset_account_{partner_id}"):
            st.markdown(f"**{t('operator.reset_title')}**")
            st.selectbox(t("auth.username"), list(real["username"]), key="w_account_reset")
            st.form_submit_button(t("operator.reset"), on_click=_reset)
        with right, st.form(f"email_account_{partner_id}"):
            st.markdown(f"**{t('operator.email_title')}**")
            st.selectbox(t("auth.username"), list(real["username"]), key="w_account_email_user")
            st.text_input(
                t("operator.email"),
                max_chars=200,
                key="w_account_email",
                placeholder="nama@instansi.go.id",
            )
            providers = sso_page.providers()
            if len(providers) > 1:  # with one, that one; the account names it otherwise
                st.selectbox(
                    t("operator.email_provider"),
                    list(providers),
                    format_func=providers.get,
                    key="w_account_email_provider",
                )
            st.caption(t("operator.email_help"))
            st.form_submit_button(t("operator.email_save"), on_click=_link_email)


def _state(row) -> str:
    if row["disabled"]:
        return t("operator.disabled")
    if row["must_change_password"]:
        return t("operator.waiting")
    return t("operator.active")


def _create(partner_id: int | None) -> None:
    state = st.session_state
    username = state.get("w_account_user", "").strip()
    try:
        _, password = credentials.create_account(
            viewer=viewer(),
            username=username,
            full_name=state.get("w_account_name", ""),
            role=Role.MITRA if partner_id is not None else state.get("w_account_role", ""),
            partner_id=partner_id,
        )
    except AccountError as exc:
        state[PROBLEM_KEY] = str(exc)
        return
    state["w_account_user"] = state["w_account_name"] = ""
    state[ISSUED_KEY] = (username, password)


def _reset() -> None:
    username = st.session_state.get("w_account_reset")
    try:
        password = credentials.reset_to_one_time(viewer=viewer(), username=username)
    except AccountError as exc:
        st.session_state[PROBLEM_KEY] = str(exc)
        return
    st.session_state[ISSUED_KEY] = (username, password)


def _link_email() -> None:
    state = st.session_state
    username = state.get("w_account_email_user")
    try:
        sso.set_email(
            viewer=viewer(),
            username=username or "",
            email=state.get("w_account_email", ""),
            provider=state.get("w_account_email_provider"),
        )
    except AccountError as exc:
        state[PROBLEM_KEY] = str(exc)
        return
    state["w_account_email"] = ""
    state[DONE_KEY] = t("operator.email_saved", username=username)


def _issued() -> None:
    """The one-time password, once: it leaves the session as soon as it has been shown."""
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done, icon=":material/check_circle:")
    issued = st.session_state.pop(ISSUED_KEY, None)
    if issued:
        username, password = issued
        st.success(t("operator.issued", username=username), icon=":material/key:")
        st.code(password, language=None)
