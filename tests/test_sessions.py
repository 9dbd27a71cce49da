"""Sessions that survive a reload: the signed cookie, the one-time hand-over, the checks at
every interaction (idle, absolute, signed out, ended by an admin, account changed), the
admins' list, and the two addresses that set and clear the cookie."""

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta

import pytest
import uvicorn
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from starlette.applications import Starlette

from core.accounts.session_tokens import BROWSER, COOKIE, digest, load_limits, sign, unsigned
from data_access import models as m
from data_access.accounts import accounts, credentials, login, sessions
from data_access.store.access import AccessDenied, Viewer
from data_access.store.db import get_engine
from tests.test_concurrency import race
from ui.accounts import session_routes

SECRET = b"k" * 40
MARK, OTHER_MARK = "m" * 43, "o" * 43  # two browsers' own marks (ui.accounts.session_routes)
ADMIN = Viewer("admin", None, "admin")


# --- the cookie's value ---------------------------------------------------------------------


def test_a_signed_token_comes_back_and_nothing_else_does():
    value = sign("abc_DEF-123", SECRET)
    assert unsigned(value, SECRET) == "abc_DEF-123"
    assert unsigned(value, b"another secret of forty characters......") is None
    for bad in (None, "", "abc", ".", "abc.", f"{value}.x", "x" * 300, value.upper()):
        assert unsigned(bad, SECRET) is None, bad


URLSAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"


@given(st.text(URLSAFE, min_size=1, max_size=60), st.integers(min_value=0), st.characters())
def test_any_change_to_a_cookie_breaks_its_signature(token, position, character):
    value = sign(token, SECRET)
    assert unsigned(value, SECRET) == token
    index = position % len(value)
    changed = value[:index] + character + value[index + 1 :]
    if changed != value:
        assert unsigned(changed, SECRET) is None


def test_the_limits_come_from_the_config_and_a_wrong_file_says_so(tmp_path):
    limits = load_limits()
    assert limits.idle == timedelta(minutes=30) and limits.absolute == timedelta(hours=12)
    wrong = tmp_path / "sesi.toml"
    wrong.write_text("idle_minutes = 0\nabsolute_hours = 12\n")
    with pytest.raises(ValueError, match="idle_minutes"):
        load_limits(wrong)


# --- sessions on the server -----------------------------------------------------------------


def _signed_in(username: str = "pimpinan", now: datetime | None = None) -> tuple[int, str]:
    account = login.authenticate(username=username, password=f"contoh-{username}").account
    return sessions.open_session(
        account=account, method="local", browser=MARK, client="10.0.0.7", now=now
    )


def _row(session_id: int):
    with get_engine().connect() as conn:
        return conn.execute(select(m.AppSession).where(m.AppSession.id == session_id)).one()


def test_a_hand_over_code_gives_the_token_once_and_keeps_only_hashes(database_url):
    session_id, code = _signed_in()
    token, expires_at = sessions.redeem(code, MARK)
    assert sessions.redeem(code, MARK) is None  # used
    row = _row(session_id)
    assert row.token_hash == digest(token) and row.handoff_hash is None
    assert token not in str(tuple(row)) and code not in str(tuple(row))
    assert expires_at == row.created_at + timedelta(hours=12)
    resumed = sessions.resume(token)
    assert resumed.session_id == session_id and resumed.account.username == "pimpinan"
    assert sessions.resume("not-a-token") is None and sessions.resume(None) is None


def test_a_code_is_taken_only_by_the_browser_that_signed_in(database_url):
    session_id, code = _signed_in()
    for browser in (OTHER_MARK, "", "m" * 42, MARK + "x", "m" * 42 + "!"):
        assert sessions.redeem(code, browser) is None, browser
    token, _ = sessions.redeem(code, MARK)  # still there for its own browser
    assert _row(session_id).token_hash == digest(token)
    assert MARK not in str(tuple(_row(session_id)))
    # A browser without a mark gets no code that anything can take.
    account = login.authenticate(username="pimpinan", password="contoh-pimpinan").account
    session_id, code = sessions.open_session(account=account, method="local", browser="")
    assert _row(session_id).handoff_hash is None
    assert all(sessions.redeem(code, b) is None for b in (MARK, OTHER_MARK, ""))


def test_a_late_code_and_a_code_of_an_ended_session_give_nothing(database_url):
    _, code = _signed_in()
    assert sessions.redeem(code, MARK, now=datetime.now() + timedelta(seconds=61)) is None
    session_id, code = _signed_in()
    sessions.end(session_id, actor="pimpinan")
    assert sessions.redeem(code, MARK) is None


def test_two_requests_with_one_code_get_one_token(database_url):
    _, code = _signed_in()
    results = race(lambda: sessions.redeem(code, MARK), lambda: sessions.redeem(code, MARK))
    assert sum(r is not None and not isinstance(r, Exception) for r in results) == 1, results


@pytest.mark.parametrize(
    "after, reason",
    [(timedelta(minutes=31), "idle"), (timedelta(hours=12, seconds=1), "expired")],
)
def test_a_session_ends_at_its_limits(database_url, after, reason):
    start = datetime.now()
    session_id, code = _signed_in(now=start)
    token, _ = sessions.redeem(code, MARK, now=start)
    if reason == "expired":  # active all along: every 20 minutes, then past 12 hours
        for minutes in range(20, 12 * 60, 20):
            assert sessions.check(session_id, start + timedelta(minutes=minutes)) == "ok"
    assert sessions.resume(token, now=start + after) is None
    assert _row(session_id).ended_reason == reason
    assert sessions.check(session_id) == reason  # for good


def test_activity_is_written_at_most_twice_a_minute(database_url):
    start = datetime.now()
    session_id, _ = _signed_in(now=start)
    assert sessions.check(session_id, start + timedelta(seconds=10)) == "ok"
    assert _row(session_id).last_seen_at == start
    assert sessions.check(session_id, start + timedelta(seconds=40)) == "ok"
    assert _row(session_id).last_seen_at == start + timedelta(seconds=40)


def test_sign_out_and_an_admin_end_a_session_everywhere(database_url):
    session_id, code = _signed_in()
    token, _ = sessions.redeem(code, MARK)
    assert sessions.end(session_id, actor="pimpinan")
    assert not sessions.end(session_id, actor="pimpinan")  # once
    assert sessions.resume(token) is None and sessions.check(session_id) == "signed_out"
    other, _ = _signed_in("verifikator")
    with pytest.raises(AccessDenied):
        sessions.end_by_admin(viewer=Viewer("verifikator", None, "verifikator"), session_id=other)
    assert sessions.check(other) == "ok"
    assert sessions.end_by_admin(viewer=ADMIN, session_id=other)
    assert sessions.check(other) == "admin"


@pytest.mark.parametrize("change", ["disable", "reset"])
def test_a_disabled_account_or_a_reset_password_ends_all_its_sessions(database_url, change):
    first, code = _signed_in("verifikator")
    token, _ = sessions.redeem(code, MARK)
    second, _ = _signed_in("verifikator")
    if change == "disable":
        accounts.disable_user(actor="admin", username="verifikator")
    else:
        credentials.reset_to_one_time(viewer=ADMIN, username="verifikator")
    assert [_row(s).ended_reason for s in (first, second)] == ["changed", "changed"]
    assert sessions.resume(token) is None


def test_a_change_the_database_alone_shows_is_still_caught(database_url):
    session_id, _ = _signed_in("verifikator")
    with get_engine().begin() as conn:  # a role changed without the app's own functions
        conn.execute(
            m.User.__table__.update()
            .where(m.User.username == "verifikator")
            .values(role="pimpinan")
        )
    assert sessions.check(session_id) == "changed"


def test_the_owners_own_password_change_keeps_this_session_only(database_url):
    mine, _ = _signed_in("pimpinan")
    elsewhere, _ = _signed_in("pimpinan")
    credentials.change_own_password(
        viewer=Viewer("pimpinan", None, "pimpinan"), current="contoh-pimpinan",
        new="Rembulan-di-Atas-Lorok", session_id=mine,
    )  # fmt: skip
    assert sessions.check(mine) == "ok"
    assert sessions.check(elsewhere) == "changed"


def test_admins_see_who_is_signed_in(database_url):
    start = datetime.now()
    first, _ = _signed_in("pimpinan", now=start - timedelta(minutes=5))
    second, _ = _signed_in("mitra-3212", now=start - timedelta(minutes=2))
    gone, _ = _signed_in("verifikator")
    sessions.end(gone, actor="verifikator")
    idle, _ = _signed_in("admin", now=start - timedelta(hours=1))
    live = sessions.live_sessions(viewer=ADMIN)
    assert live[["session_id", "username", "role", "method", "client"]].values.tolist() == [
        [second, "mitra-3212", "mitra", "local", "10.0.0.7"],
        [first, "pimpinan", "pimpinan", "local", "10.0.0.7"],
    ]
    assert live["created_at"].tolist() == [_row(second).created_at, _row(first).created_at]
    assert idle not in live["session_id"].tolist()
    for viewer in (Viewer("pimpinan", None, "pimpinan"), Viewer("mitra", 1, "mitra-3212")):
        with pytest.raises(AccessDenied):
            sessions.live_sessions(viewer=viewer)


# --- the two addresses ----------------------------------------------------------------------


class Client:
    """Plain HTTP to the routes served by uvicorn on a local port; redirects not followed."""

    def __init__(self, base: str):
        self.base = base

    def get(self, path: str, params: dict | None = None, headers: dict | None = None):
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(url, headers=headers or {})
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def client(database_url, monkeypatch):
    monkeypatch.setenv("SESSION_SECRET", SECRET.decode())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = Starlette(routes=session_routes.ROUTES)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield Client(f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=10)


def _cookies(headers) -> dict[str, str]:
    """The Set-Cookie headers of an answer, by the cookie's name."""
    every = headers.get_list if hasattr(headers, "get_list") else headers.get_all
    return {c.split("=", 1)[0]: c for c in every("set-cookie") or []}


BRINGS_MARK = {"Cookie": f"{BROWSER}={MARK}"}


def test_the_hand_over_sets_an_httponly_signed_cookie_and_returns(client):
    _, code = _signed_in("mitra-3212")
    status, headers = client.get(
        "/sesi/mulai", params={"kode": code, "ke": "/profil_mitra?mitra=32.12"},
        headers=BRINGS_MARK,
    )  # fmt: skip
    assert status == 303 and headers["location"] == "/profil_mitra?mitra=32.12"
    assert headers["cache-control"] == "no-store"
    cookie = _cookies(headers)[COOKIE]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    max_age = int(cookie.split("Max-Age=")[1].split(";")[0])
    assert "Secure" not in cookie and 12 * 3600 - 60 < max_age <= 12 * 3600
    value = cookie.split(";")[0].split("=", 1)[1]
    assert "mitra" not in value and "3212" not in value
    assert sessions.resume(unsigned(value, SECRET)).account.username == "mitra-3212"
    assert "Max-Age=0" in _cookies(headers)[session_routes.FAILED]  # an earlier note goes
    _, again = client.get("/sesi/mulai", params={"kode": code}, headers=BRINGS_MARK)
    assert set(_cookies(again)) == {session_routes.FAILED} and again["location"] == "/"
    assert "Max-Age=120" in _cookies(again)[session_routes.FAILED]


def test_a_hand_over_link_opened_in_another_browser_signs_nothing_in(client):
    _, code = _signed_in("pimpinan")
    for brought in ({"Cookie": f"{BROWSER}={OTHER_MARK}"}, {}):
        status, headers = client.get("/sesi/mulai", params={"kode": code, "ke": "/"},
                                     headers=brought)  # fmt: skip
        assert status == 303 and set(_cookies(headers)) == {session_routes.FAILED}
    _, headers = client.get("/sesi/mulai", params={"kode": code}, headers=BRINGS_MARK)
    assert COOKIE in _cookies(headers)  # its own browser still signs in


def test_over_https_the_cookie_is_secure(client):
    _, code = _signed_in()
    _, headers = client.get("/sesi/mulai", params={"kode": code},
                            headers={"X-Forwarded-Proto": "https", **BRINGS_MARK})  # fmt: skip
    assert "Secure" in _cookies(headers)[COOKIE]


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
     "evil.example", "/ok\r\nSet-Cookie: x=1"],
)  # fmt: skip
def test_the_way_back_never_leaves_the_site(client, target):
    _, headers = client.get("/sesi/mulai", params={"kode": "x", "ke": target})
    assert headers["location"] == "/"


def test_the_way_out_removes_the_cookie(client):
    status, headers = client.get("/sesi/akhir")
    assert status == 303 and headers["location"] == "/"
    assert headers["set-cookie"].startswith(f'{COOKIE}=""') and "Max-Age=0" in headers["set-cookie"]


def test_the_way_out_ends_the_cookies_session_on_the_server(client):
    session_id, code = _signed_in("verifikator")
    token, _ = sessions.redeem(code, MARK)
    status, headers = client.get(
        "/sesi/akhir", headers={"Cookie": f"{COOKIE}={sign(token, SECRET)}"}
    )
    assert status == 303 and "Max-Age=0" in headers["set-cookie"]
    assert sessions.resume(token) is None  # a copy of the cookie opens nothing afterwards
    assert _row(session_id).ended_reason == "signed_out"
    forged = sign(token, b"kunci-lain")  # signed with another key: nothing is ended by it
    other_id, other_code = _signed_in("pimpinan")
    other, _ = sessions.redeem(other_code, MARK)
    client.get("/sesi/akhir", headers={"Cookie": f"{COOKIE}={forged.replace(token, other)}"})
    assert sessions.check(other_id) == "ok"


def test_a_browser_gets_its_mark_with_its_first_page_and_only_then():
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    inner = Starlette(routes=[
        Route("/", lambda r: HTMLResponse("<p>halaman</p>")),
        Route("/data", lambda r: JSONResponse({})),
        Route("/lama", lambda r: Response(status_code=304)),
    ])  # fmt: skip
    transport = httpx.ASGITransport(app=session_routes.BrowserMark(inner))

    async def ask(path: str, **headers) -> dict[str, str]:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return _cookies((await http.get(path, headers=headers)).headers)

    def got(path: str, **headers) -> dict[str, str]:
        # In a thread of its own: a browser test may have left this thread's loop running.
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, ask(path, **headers)).result()

    marks = set()
    for _ in range(3):
        cookie = got("/")[BROWSER]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
        assert "Max-Age=31536000" in cookie and "Secure" not in cookie
        marks.add(cookie.split(";")[0].split("=", 1)[1])
    assert len(marks) == 3 and all(len(m) == 43 for m in marks)  # random, 256 bits
    assert BROWSER not in got("/data")
    assert BROWSER not in got("/", Cookie=f"{BROWSER}={MARK}")  # a browser keeps its mark
    assert BROWSER in got("/", Cookie=f"{BROWSER}=<script>")  # one not made here: a new one
    assert BROWSER in got("/lama", Accept="text/html")  # a page from the cache, no mark yet
    assert BROWSER not in got("/lama")
    assert "Secure" in got("/", **{"X-Forwarded-Proto": "https"})[BROWSER]


# --- pages ----------------------------------------------------------------------------------


def _signed_in_page(username: str):
    """A page signed in through the form, and a second page of the same session as its
    next click finds it (AppTest reruns the chosen page alone after the first run, so the
    frame's check runs on a first run with the session's own state)."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest import ENTRY, start

    at = start(None)
    at.text_input(key="w_login_user").input(username)
    at.text_input(key="w_login_password").input(f"contoh-{username}")
    at.button[0].click().run()
    assert not at.exception and not at.text_input  # signed in: no form
    auth = dict(at.session_state["g_auth"])

    def next_click() -> AppTest:
        again = AppTest.from_file(ENTRY, default_timeout=60)
        again.session_state["g_auth"] = dict(auth)
        return again.run()

    return auth, next_click


def test_an_admin_ends_a_session_and_that_browser_is_signed_out_at_its_next_click(database_url):
    from tests.apptest import ACCOUNTS, open_page, start

    auth, next_click = _signed_in_page("verifikator")
    assert next_click().session_state["g_auth"]["username"] == "verifikator"
    at = open_page(start(account=ACCOUNTS["admin"]), "pages/registri_mitra.py")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Aktivitas terakhir" in d.value)
    assert table["Nama pengguna"].tolist() == ["verifikator"]
    assert at.selectbox(key="w_end_session").options[0].startswith("verifikator (masuk ")
    next(b for b in at.button if b.label == "Akhiri sesi").click().run()
    assert any("Sesi verifikator diakhiri." in s.value for s in at.success)
    assert any("Tidak ada sesi yang sedang masuk." in i.value for i in at.info)
    verifier = next_click()
    assert "g_auth" not in verifier.session_state
    assert verifier.text_input(key="w_login_user")  # the sign-in form again
    assert [w.value for w in verifier.warning] == [
        "Sesi Anda diakhiri oleh admin. Silakan masuk lagi atau hubungi admin."
    ]
    assert sessions.check(auth["server_session"]) == "admin"


def test_signing_out_ends_the_session_on_the_server(database_url):

    auth, next_click = _signed_in_page("pimpinan")
    at = next_click()
    assert sessions.check(auth["server_session"]) == "ok"
    at.button(key="w_logout").click().run()
    assert sessions.check(auth["server_session"]) == "signed_out"
    assert [w.value for w in next_click().warning] == [
        "Anda sudah keluar di tab atau jendela lain. Silakan masuk lagi."
    ]


def test_without_a_configured_secret_every_process_signs_with_one_kept_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SESSION_SECRET", raising=False)
    monkeypatch.setattr(sessions, "SECRET_FILE", tmp_path / "var" / "session_secret")
    keys = race(sessions.cookie_secret, sessions.cookie_secret)
    assert keys[0] == keys[1] == sessions.cookie_secret() and len(keys[0]) == 64
    assert (tmp_path / "var" / "session_secret").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in (tmp_path / "var").iterdir()] == ["session_secret"]
    monkeypatch.setenv("SESSION_SECRET", "x" * 40)
    assert sessions.cookie_secret() == b"x" * 40


def test_removing_the_demo_keeps_the_admin_signed_in_and_ends_the_demo_accounts(database_url):
    from data_access.demo import demo_removal

    accounts.create_user(actor="admin", username="kepala.data", full_name="Kepala Data",
                         role="admin", password="Rembulan-di-Atas-Lorok")  # fmt: skip
    admin = login.authenticate(username="kepala.data", password="Rembulan-di-Atas-Lorok")
    mine, _ = sessions.open_session(account=admin.account, method="local", browser="")
    demo, _ = _signed_in("pimpinan")
    demo_removal.remove_demo_data(actor="kepala.data", viewer=Viewer("admin", None, "kepala.data"))
    assert sessions.check(mine) == "ok"
    assert sessions.check(demo) == "ended"  # its account is gone, and the session with it
