"""Login gate, idle timeout and logout for every page; which pages each role sees."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st

from data_access.accounts import current_session_key
from data_access.login import authenticate
from ui import errors
from ui.data import read
from ui.state import AUTH_KEY, t

NOTICE_KEY = "g_auth_notice"
FIRST_ADMIN_KEY = "g_first_admin_created"  # set by ui.account_forms
IDLE_LIMIT = timedelta(minutes=30)
# A partner's operator sees its own profile, its self-assessment and its results against
# anonymous peers (the reads below the pages enforce the same); the audit trail is for admins.
MITRA_PAGES = (
    "pages/profil_mitra.py",
    "pages/penilaian_mandiri.py",
    "pages/hasil_penilaian.py",
    "pages/pelaporan.py",
)
ADMIN_ONLY = ("pages/impor_data.py", "pages/registri_mitra.py", "pages/audit.py")
# Reports are filled in by partners and decided by verifiers; leadership reads the figures.
NOT_FOR_LEADERSHIP = ("pages/pelaporan.py",)


def account() -> dict | None:
    """The logged-in account: username, full_name, role, partner_id; None before login."""
    return st.session_state.get(AUTH_KEY)


def signed_in() -> bool:
    """True when someone is signed in, has not been idle too long, and the account is still
    as it was at sign-in (not disabled, same role and partner, same password); otherwise the
    session ends here, at this interaction."""
    auth = st.session_state.get(AUTH_KEY)
    if not auth:
        return False
    now = datetime.now()
    if now - auth["last_seen"] > IDLE_LIMIT:
        auth["ended"] = True
        del st.session_state[AUTH_KEY]
        st.session_state[NOTICE_KEY] = "timeout"
        return False
    if auth.get("session") and current_session_key(auth["username"]) != auth["session"]:
        auth["ended"] = True
        del st.session_state[AUTH_KEY]
        st.session_state[NOTICE_KEY] = "ended"
        return False
    auth["last_seen"] = now
    return True


def _client() -> str:
    """The visitor's address as the server sees it ('' when unknown)."""
    try:
        return st.context.ip_address or ""
    except Exception:  # noqa: BLE001 - outside a browser session there is no address
        return ""


def _submit() -> None:
    username = st.session_state.get("w_login_user", "")
    password = st.session_state.get("w_login_password", "")
    try:
        result = authenticate(username=username, password=password, client=_client())
    except Exception:  # noqa: BLE001 - a database that cannot be reached: say so, keep nothing
        ref = errors.reference()
        errors.LOG.exception("sign-in failed, reference %s", ref)
        st.session_state["w_login_password"] = ""
        st.session_state[NOTICE_KEY] = ("unreachable", ref)
        return
    st.session_state["w_login_password"] = ""
    if result.reason == "ok":
        a = result.account
        st.session_state[AUTH_KEY] = {
            "username": a.username,
            "full_name": a.full_name,
            "role": a.role,
            "partner_id": a.partner_id,
            "last_seen": datetime.now(),
            "session": result.session,
            "must_change": a.must_change_password,
        }
        st.session_state.pop(NOTICE_KEY, None)
    else:
        until = result.locked_until.strftime("%H.%M") if result.locked_until else ""
        st.session_state[NOTICE_KEY] = (result.reason, until)


def login_page() -> None:
    """The only page before login: a form, the reason of a failed try, demo accounts if any."""
    st.title(t("auth.title"))
    created = st.session_state.pop(FIRST_ADMIN_KEY, None)
    if created:
        st.success(t("setup.created", username=created), icon=":material/check_circle:")
    notice = st.session_state.get(NOTICE_KEY)
    if notice == "timeout":
        st.info(t("auth.timeout", minutes=int(IDLE_LIMIT.total_seconds() // 60)))
    elif notice == "ended":
        st.warning(t("auth.ended"))
    elif notice and notice[0] == "unreachable":
        st.error(t("errors.unreachable", ref=notice[1]))
    elif notice:
        reason, until = notice
        st.error(t(f"auth.{reason}", until=until))
    with st.form("login", border=True):
        st.text_input(t("auth.username"), key="w_login_user", max_chars=60)
        st.text_input(t("auth.password"), type="password", key="w_login_password", max_chars=200)
        st.form_submit_button(t("auth.submit"), on_click=_submit, type="primary")
    if read("dataset_info")["is_demo"]:
        st.caption(t("auth.demo_hint"))


def sign_out() -> None:
    auth = st.session_state.pop(AUTH_KEY, None)
    if auth:
        auth["ended"] = True  # downloads prepared in this session stop working too
    st.session_state[NOTICE_KEY] = None


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


def allowed(path: str) -> bool:
    """Whether the signed-in account's role may open the page in `path`."""
    me = account()
    if not me:
        return False
    if me["role"] == "mitra":
        return path in MITRA_PAGES
    if me["role"] == "pimpinan" and path in NOT_FOR_LEADERSHIP:
        return False
    return path not in ADMIN_ONLY or me["role"] == "admin"
