"""The two addresses that put a session cookie into the browser and take it out again.

A Streamlit page cannot set a cookie, let alone an HttpOnly one: after a sign-in the page
sends the browser to START with a one-time hand-over code, which is exchanged here for the
session's token in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS), and the browser
goes back to the page it was on. END ends the cookie's session on the server
(if the sign-out has not already) and removes the cookie. Both are mounted by app.py."""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from core.session_tokens import COOKIE, sign, unsigned
from data_access import sessions

LOG = logging.getLogger(__name__)
START, END = "/sesi/mulai", "/sesi/akhir"
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
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _redirect(target: str) -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def start(request: Request) -> RedirectResponse:
    target = safe_next(request.query_params.get("ke"))
    try:
        got = await run_in_threadpool(sessions.redeem, request.query_params.get("kode", ""))
    except Exception:  # noqa: BLE001 - a database that cannot answer: the page says so
        LOG.exception("session hand-over failed")
        got = None
    response = _redirect(target)
    if got:
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


ROUTES = [Route(START, start, methods=["GET"]), Route(END, end, methods=["GET"])]
