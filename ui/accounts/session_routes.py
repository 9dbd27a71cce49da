"""The two addresses that put a session cookie into the browser and take it out again.

A Streamlit page cannot set a cookie, let alone an HttpOnly one: after a sign-in the page
sends the browser to START with a one-time hand-over code, which is exchanged here for the
session's token in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS), and the browser
goes back to the page it was on. The code is taken only from the browser that signed in:
every page a browser loads without one gives it its own random mark (BrowserMark), which
its page's connection shows the sign-in and this address compares. A code that is not
taken sends the browser back with a note for the sign-in page (FAILED). END ends the
cookie's session on the server (if the sign-out has not already) and removes the cookie.
All are mounted by app.py."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request, cookie_parser
from starlette.responses import RedirectResponse
from starlette.routing import Route

from core.accounts.session_tokens import BROWSER, COOKIE, browser_mark, sign, unsigned
from data_access.accounts import sessions

LOG = logging.getLogger(__name__)
START, END = "/sesi/mulai", "/sesi/akhir"
FAILED = "pantau_masuk_gagal"  # a hand-over not taken, for the sign-in page to say so
MARK_AGE = 365 * 24 * 3600
# Set by app.py when these routes are mounted; started without them (streamlit run
# dashboard.py), sign-in lasts as long as the page's connection, as it always did.
MOUNTED = False


def safe_next(value: str | None) -> str:
    """A path of this site to return to; anything else (another host, a scheme, a path that
    a browser reads as another host) gives the home page."""
    if not value or len(value) > 2000:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return "/"
    if "\\" in value or any(ord(c) < 32 for c in value):
        return "/"
    return value


def _secure(request: Request) -> bool:
    return _https(request.url.scheme, request.headers.get("x-forwarded-proto", ""))


def _https(scheme: str, forwarded: str) -> bool:
    return scheme in ("https", "wss") or forwarded.split(",")[0].strip().lower() == "https"


def _redirect(target: str) -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def start(request: Request) -> RedirectResponse:
    target = safe_next(request.query_params.get("ke"))
    code, mark = request.query_params.get("kode", ""), request.cookies.get(BROWSER, "")
    try:
        got = await run_in_threadpool(sessions.redeem, code, mark)
    except Exception:  # noqa: BLE001 - a database that cannot answer: the page says so
        LOG.exception("session hand-over failed")
        got = None
    response = _redirect(target)
    if not got:
        LOG.warning(
            "a session hand-over code was not taken (%s browser mark)",
            "with a" if browser_mark(mark) else "without a",
        )
        response.set_cookie(
            FAILED,
            "1",
            max_age=120,
            path="/",
            httponly=True,
            samesite="lax",
            secure=_secure(request),
        )
    else:
        response.delete_cookie(FAILED, path="/", httponly=True, samesite="lax")
        token, expires_at = got
        secret = await run_in_threadpool(sessions.cookie_secret)
        response.set_cookie(
            COOKIE,
            sign(token, secret),
            max_age=max(0, int((expires_at - datetime.now()).total_seconds())),
            path="/",
            httponly=True,
            samesite="lax",
            secure=_secure(request),
        )
    return response


async def end(request: Request) -> RedirectResponse:
    value = request.cookies.get(COOKIE)
    if value:
        try:
            secret = await run_in_threadpool(sessions.cookie_secret)
            await run_in_threadpool(sessions.end_by_token, unsigned(value, secret))
        except Exception:  # noqa: BLE001 - the cookie goes all the same; the session's limits end it
            LOG.exception("ending the session at sign-out failed")
    response = _redirect(safe_next(request.query_params.get("ke")))
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
    return response


class BrowserMark:
    """Gives a browser its mark with the first page it loads (an HTML answer to a request
    that brings none): HttpOnly, SameSite=Lax, for a year. Only pages get it, so that the
    many requests of one first load (scripts, styles, icons) cannot give one browser two
    marks one after the other."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or _brings_mark(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        secure = _https(scope.get("scheme", ""), headers.get(b"x-forwarded-proto", b"").decode())
        cookie = (
            f"{BROWSER}={secrets.token_urlsafe(32)}; Max-Age={MARK_AGE}; Path=/; "
            "HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
        )

        page = b"text/html" in headers.get(b"accept", b"")  # a 304 of a page has no type

        async def sending(message):
            if message["type"] == "http.response.start":
                kind = dict(message.get("headers") or []).get(b"content-type", b"")
                if kind.startswith(b"text/html") or (message["status"] == 304 and page):
                    added = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
                    message = {**message, "headers": added}
            await send(message)

        await self.app(scope, receive, sending)


def _brings_mark(scope) -> bool:
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            if browser_mark(cookie_parser(value.decode("latin-1")).get(BROWSER)):
                return True
    return False


ROUTES = [Route(START, start, methods=["GET"]), Route(END, end, methods=["GET"])]
