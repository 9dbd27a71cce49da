"""Login gate, idle timeout and logout for every page; which pages each role sees."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from core.accounts import roles
from data_access.accounts import sessions
from data_access.accounts import sso as sso_access
from data_access.accounts.accounts import Account, current_session_key
from data_access.accounts.login import authenticate
from data_access.figures import partners
from ui.accounts import session_routes, sso, visitor
from ui.frame import errors
from ui.frame.data import read
from ui.frame.state import AUTH_KEY, t

NOTICE_KEY = "g_auth_notice"
SSO_TRIED_KEY = "g_sso_tried"  # the identity token this page has tried already
SSO_REFUSED_KEY = "g_sso_refused"  # (reason, e-mail) of an identity not let in
FIRST_ADMIN_KEY = "g_first_admin_created"  # set by ui.accounts.account_forms
IDLE_LIMIT = sessions.limits().idle  # config/sesi.toml
# Why a server session ended → the notice on the sign-in page.
ENDED_NOTICE = {
    "idle": "timeout",
    "expired": "expired",
    "signed_out": "signed_out",
    sessions.ENDED_BY_ADMIN: "ended_by_admin",
}


def account() -> dict | None:
    """The logged-in account: username, full_name, role, partner_id; None before login."""
    return st.session_state.get(AUTH_KEY)


def signed_in() -> bool:
    """True when someone is signed in: in this page's connection, or resumed from the
    browser's session cookie (a reload, a second tab, a link). The session must still hold
    on the server (not signed out in another tab, not ended by an admin, within the idle and
    absolute limits) and the account must be as it was at sign-in (not disabled, same role
    and partner, same password); otherwise the session ends here, at this interaction."""
    auth = st.session_state.get(AUTH_KEY)
    if not auth:
        resumed = visitor.from_cookie()
        if resumed is not None:
            auth = _signed(resumed.account, resumed.session_id, method=resumed.method)
        else:
            auth = _from_provider()
        if auth is None:
            return False
        st.session_state[AUTH_KEY] = auth
    now = datetime.now()
    if now - auth["last_seen"] > IDLE_LIMIT:
        return _ended(auth, "timeout")
    if auth.get("server_session") is not None:
        reason = sessions.check(auth["server_session"], now)
        if reason != "ok":
            return _ended(auth, ENDED_NOTICE.get(reason, "ended"))
    elif auth.get("session") and current_session_key(auth["username"]) != auth["session"]:
        return _ended(auth, "ended")
    auth["last_seen"] = now
    return True


def _ended(auth: dict, notice: str) -> bool:
    auth["ended"] = True  # downloads prepared in this session stop working too
    del st.session_state[AUTH_KEY]
    st.session_state[NOTICE_KEY] = notice
    return False


def _from_provider() -> dict | None:
    """A session for the identity the provider has just vouched for (st.login's return),
    once per identity; an identity without an account, or of a disabled one, is told on
    the sign-in page whom to ask."""
    if sso.mode() == "lokal":
        return None
    identity = sso.fresh_identity()
    if identity is None or st.session_state.get(SSO_TRIED_KEY) == identity.key:
        return None
    st.session_state[SSO_TRIED_KEY] = identity.key
    result = sso_access.sign_in(identity, browser=visitor.mark(), client=visitor.client())
    if result.reason != "ok":
        if result.reason != "used":  # an identity token used already: sign in again
            st.session_state[SSO_REFUSED_KEY] = (result.reason, identity.email)
        return None
    st.session_state.pop(SSO_REFUSED_KEY, None)
    visitor.hand_over(result.code)
    return _signed(result.account, result.session_id, method="sso")


def _signed(
    account: Account, server_session: int | None, key: str = "", method: str = "local"
) -> dict:
    return {
        "username": account.username,
        "full_name": account.full_name,
        "role": account.role,
        "partner_id": account.partner_id,
        "last_seen": datetime.now(),
        "session": key,
        "server_session": server_session,
        "method": method,
        "must_change": account.must_change_password,
    }


def _submit() -> None:
    if sso.mode() == "sso":  # the form is not shown then; nor is its answer taken
        return
    username = st.session_state.get("w_login_user", "")
    password = st.session_state.get("w_login_password", "")
    try:
        result = authenticate(username=username, password=password, client=visitor.client())
    except Exception:  # noqa: BLE001 - a database that cannot be reached: say so, keep nothing
        ref = errors.reference()
        errors.LOG.exception("sign-in failed, reference %s", ref)
        st.session_state["w_login_password"] = ""
        st.session_state[NOTICE_KEY] = ("unreachable", ref)
        return
    st.session_state["w_login_password"] = ""
    if result.reason == "ok":
        server_session, code = sessions.open_session(
            account=result.account,
            method="local",
            browser=visitor.mark(),
            client=visitor.client(),
        )
        st.session_state[AUTH_KEY] = _signed(result.account, server_session, result.session)
        st.session_state.pop(NOTICE_KEY, None)
        visitor.hand_over(code)
    else:
        until = result.locked_until.strftime("%H.%M") if result.locked_until else ""
        st.session_state[NOTICE_KEY] = (result.reason, until)


def login_page() -> None:
    """The only page before login: the provider's button and/or the form (as the sign-in
    mode says), the reason of a failed try, demo accounts if any; for an identity the
    provider knows but this dashboard does not, whom to ask instead."""
    refused = st.session_state.get(SSO_REFUSED_KEY)
    if refused:
        sso.refused_page(*refused, admins=sso_access.admin_names())
        return
    st.title(t("auth.title"))
    created = st.session_state.pop(FIRST_ADMIN_KEY, None)
    if created:
        st.success(t("setup.created", username=created), icon=":material/check_circle:")
    notice = st.session_state.get(NOTICE_KEY)
    if notice is None and visitor.hand_over_failed():
        st.warning(t("auth.hand_over_failed"))
    if notice == "timeout":
        st.info(t("auth.timeout", minutes=int(IDLE_LIMIT.total_seconds() // 60)))
    elif notice == "expired":
        hours = int(sessions.limits().absolute.total_seconds() // 3600)
        st.info(t("auth.expired", hours=hours))
    elif notice in ("ended", "signed_out", "ended_by_admin"):
        st.warning(t(f"auth.{notice}"))
    elif notice and notice[0] == "unreachable":
        st.error(t("errors.unreachable", ref=notice[1]))
    elif notice:
        reason, until = notice
        st.error(t(f"auth.{reason}", until=until))
    how, providers = sso.mode(), sso.providers()
    if how != "lokal" and providers:
        sso.buttons()
    if how == "sso" and not providers:
        st.error(t("auth.sso_missing"))
    if how != "sso":
        if how == "keduanya" and providers:
            st.caption(t("auth.or_local"))
        with st.form("login", border=True):
            st.text_input(t("auth.username"), key="w_login_user", max_chars=60)
            st.text_input(
                t("auth.password"), type="password", key="w_login_password", max_chars=200
            )
            st.form_submit_button(t("auth.submit"), on_click=_submit, type="primary")
    if read(partners.dataset_info)["is_demo"]:
        st.caption(t("auth.demo_hint"))


def sign_out() -> None:
    """End the session everywhere: on the server (every tab of this browser is signed out
    at its next interaction), in this page, and the cookie in the browser."""
    auth = st.session_state.pop(AUTH_KEY, None)
    if auth:
        auth["ended"] = True  # downloads prepared in this session stop working too
        sessions.end(auth.get("server_session"), actor=auth["username"])
    st.session_state[NOTICE_KEY] = None
    if auth and auth.get("method") == "sso":
        st.logout()  # the provider's identity cookie too, and the provider's own sign-out
    elif session_routes.MOUNTED:
        visitor.go(session_routes.END)


class SessionEnded(PermissionError):
    """A download asked for after its session ended or went idle."""


def guarded_download(build):
    """A download's data function that still obeys the session when it is clicked: the file
    is built only while the session that showed the button is signed in and not idle. (The
    function runs outside the page's run, so it holds the session's own record.)"""
    auth = st.session_state.get(AUTH_KEY)

    def data():
        if auth is None or auth.get("ended") or datetime.now() - auth["last_seen"] > IDLE_LIMIT:
            raise SessionEnded("Sesi berakhir; masuk lagi untuk mengunduh.")
        return build()

    return data


def logout_button() -> None:
    auth = account()
    with st.sidebar:
        st.caption(t("auth.signed_in_as", name=auth["full_name"], role=t(f"role.{auth['role']}")))
        st.button(t("auth.logout"), key="w_logout", on_click=sign_out)


def home_page() -> str:
    """The page the signed-in account opens on (core.accounts.roles.home_page)."""
    me = account()
    return roles.home_page(me["role"] if me else None)


def allowed(path: str) -> bool:
    """Whether the signed-in account's role may open the page in `path`
    (core.accounts.roles.PAGES)."""
    me = account()
    return bool(me) and roles.may_open(me["role"], path)
