"""The browser around a session: the session cookie it brings, the address it shows, its
visitor's address, and sending it elsewhere (for its cookie after a sign-in, to drop the
cookie after a sign-out), as st.login does."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlencode, urlsplit

import streamlit as st

from core.accounts.session_tokens import BROWSER, COOKIE, browser_mark, plain_address, unsigned
from data_access.accounts import sessions
from ui.accounts import session_routes
from ui.frame.state import REQUESTED_PAGE_KEY, t

HANDING_OVER_KEY = "g_handing_over"  # this run sent the browser for its session cookie


def from_cookie() -> sessions.Resumed | None:
    """The session the browser's cookie stands for, if any and if it may go on."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - outside a browser there are no cookies
        return None
    if not value:
        return None
    return sessions.resume(unsigned(value, sessions.cookie_secret()))


def here() -> str:
    """The address of the page this session shows (path and query), to come back to."""
    try:
        path = urlsplit(st.context.url or "/").path or "/"
        query = st.query_params.to_dict()
    except Exception:  # noqa: BLE001 - outside a browser: the home page
        return "/"
    # A page opened before sign-in has handed over to the entry file (ui.frame.state.current)
    # and waits to be opened: come back to that page.
    requested = st.session_state.get(REQUESTED_PAGE_KEY)
    if requested:
        path, query = "/" + PurePosixPath(requested[0]).stem, requested[1]
    return path + (f"?{urlencode(query)}" if query else "")


def mark() -> str:
    """The browser's own mark (ui.accounts.session_routes.BrowserMark), '' when it has none."""
    try:
        return browser_mark(st.context.cookies.get(BROWSER))
    except Exception:  # noqa: BLE001 - outside a browser there are no cookies
        return ""


def hand_over_failed() -> bool:
    """The browser came back from a hand-over that was not taken (within two minutes)."""
    try:
        return st.context.cookies.get(session_routes.FAILED) == "1"
    except Exception:  # noqa: BLE001 - outside a browser there are no cookies
        return False


def hand_over(code: str) -> None:
    """Send the browser for its session cookie; it comes back to this page (a new page load,
    signed in by the cookie). A browser without a mark keeps its session as long as this
    page's connection (it would not be given the cookie)."""
    if session_routes.MOUNTED and mark():
        go(f"{session_routes.START}?{urlencode({'kode': code, 'ke': here()})}")
        st.session_state[HANDING_OVER_KEY] = True


def handing_over() -> bool:
    """True once, in the run that has just sent the browser for its cookie: the browser
    leaves this page and loads it again signed in, so this run need not draw the page
    (nor read its figures). A browser that stays draws the page at its next click."""
    return bool(st.session_state.pop(HANDING_OVER_KEY, False))


def opening_note() -> None:
    st.caption(t("auth.opening"))


def go(url: str) -> None:
    """Send the browser to `url` (one of this server's addresses), as st.login does."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    message = ForwardMsg()
    message.auth_redirect.url = url
    ctx.enqueue(message)


def client() -> str:
    """The visitor's address as the server sees it ('' when unknown)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session there is no address
        return ""
    return plain_address(address)
