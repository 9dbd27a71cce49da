"""Forms about one's own access: the first admin of a database without any, and the change
of a one-time password at the first sign-in."""

from __future__ import annotations

import streamlit as st

from data_access.accounts import credentials, first_run
from data_access.accounts.accounts import AccountError
from ui.accounts.auth import FIRST_ADMIN_KEY
from ui.frame.state import AUTH_KEY, t, viewer

CHANGED_KEY = "g_password_changed"
PROBLEM_KEY = "g_account_form_problem"


def first_admin_needed() -> bool:
    """Whether the app opens on the first-admin form (no admin account exists yet)."""
    return first_run.first_admin_needed(viewer=viewer())


def first_admin_page() -> None:
    """Create the first admin: the only page of a database without any admin."""
    st.title(t("setup.title"))
    st.write(t("setup.intro"))
    _problem()
    with st.form("first_admin"):
        st.text_input(t("auth.username"), max_chars=60, key="w_first_user")
        st.text_input(t("setup.full_name"), max_chars=120, key="w_first_name")
        st.text_input(t("auth.password"), type="password", max_chars=256, key="w_first_password")
        st.text_input(t("password.again"), type="password", max_chars=256, key="w_first_again")
        st.caption(t("password.policy"))
        st.form_submit_button(t("setup.submit"), type="primary", on_click=_create_first_admin)


def _create_first_admin() -> None:
    state = st.session_state
    password, again = state.get("w_first_password", ""), state.get("w_first_again", "")
    state["w_first_password"] = state["w_first_again"] = ""  # never kept in the session
    if password != again:
        state[PROBLEM_KEY] = t("password.mismatch")
        return
    username = state.get("w_first_user", "")
    try:
        first_run.create_first_admin(
            username=username, full_name=state.get("w_first_name", ""), password=password
        )
    except AccountError as exc:
        state[PROBLEM_KEY] = str(exc)
        return
    state[FIRST_ADMIN_KEY] = username.strip()


def _problem() -> None:
    """The sentence saying why the last submit of this page's form was refused."""
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        st.error(problem)


def must_change_password() -> bool:
    auth = st.session_state.get(AUTH_KEY) or {}
    return bool(auth.get("must_change"))


def change_password_page() -> None:
    """The one-time password is replaced before anything else opens."""
    st.title(t("password.title"))
    st.info(t("password.forced"), icon=":material/key:")
    _problem()
    with st.form("change_password"):
        st.text_input(t("password.current"), type="password", max_chars=256, key="w_pw_current")
        st.text_input(t("password.new"), type="password", max_chars=256, key="w_pw_new")
        st.text_input(t("password.again"), type="password", max_chars=256, key="w_pw_again")
        st.caption(t("password.policy"))
        st.form_submit_button(t("password.submit"), type="primary", on_click=_change_password)


def _change_password() -> None:
    state = st.session_state
    current, new, again = (state.get(k, "") for k in ("w_pw_current", "w_pw_new", "w_pw_again"))
    for k in ("w_pw_current", "w_pw_new", "w_pw_again"):
        state[k] = ""  # never kept in the session
    if new != again:
        state[PROBLEM_KEY] = t("password.mismatch")
        return
    try:
        key = credentials.change_own_password(
            viewer=viewer(),
            current=current,
            new=new,
            session_id=state[AUTH_KEY].get("server_session"),
        )
    except AccountError as exc:
        state[PROBLEM_KEY] = str(exc)
        return
    state[AUTH_KEY].update(session=key, must_change=False)
    state[CHANGED_KEY] = True


def password_changed_note() -> None:
    if st.session_state.pop(CHANGED_KEY, False):
        st.toast(t("password.changed"), icon=":material/check_circle:")
