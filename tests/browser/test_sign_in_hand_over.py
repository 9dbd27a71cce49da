"""After Masuk the browser leaves for its session cookie and loads the page again signed in
(ui.accounts.visitor.hand_over): the run that sends it away draws one line, not the page it is
about to leave; a browser that stays gets the page at its next click; the hand-over link
signs in only the browser that asked for it. A real server (app.py), spoken to over its
WebSocket."""

from __future__ import annotations

import asyncio

from benchmarks.ws_client import COOKIE, MARK, Browser
from tests.browser.conftest import apart, start_app, stop_app
from ui.accounts.session_routes import FAILED

OPENING = "Membuka dasbor…"
NOT_FINISHED = "Masuk belum selesai di peramban ini"
SUMMARY = "Ringkasan Pelaksanaan Nota Kesepahaman"  # the leader's home page


async def sign_in_steps(base: str) -> dict:
    leaving, staying, other = Browser(base), Browser(base), Browser(base)
    try:
        answer = await leaving.submit_sign_in("pimpinan", "contoh-pimpinan")
        # The link seen by someone else (a proxy's log, a look over the shoulder), opened
        # in their browser first: no session there, and the sign-in page says why.
        await other.open("/")
        taken = await other.fetch(answer.redirect, follow=False)
        other.cookies.update(taken.cookies)
        refused = await other.open(taken.headers["location"])
        back = await leaving.fetch(answer.redirect, follow=False)
        leaving.cookies[COOKIE] = back.cookies[COOKIE]
        arrived = await leaving.open(back.headers["location"])
        stayed = await staying.submit_sign_in("pimpinan", "contoh-pimpinan")
        next_click = await staying.run()
    finally:
        await asyncio.gather(leaving.close(), staying.close(), other.close())
    return {"answer": answer, "arrived": arrived, "stayed": stayed, "next_click": next_click,
            "taken": taken, "refused": refused, "marks": (leaving.cookies[MARK],
                                                          other.cookies[MARK])}  # fmt: skip


def test_the_run_that_sends_the_browser_for_its_cookie_draws_no_page(database_url):
    app = start_app(database_url)
    try:
        seen = apart(lambda: sign_in_steps(app.url))
    finally:
        stop_app(app)
    answer = seen["answer"]
    assert answer.redirect.startswith("/sesi/mulai?kode=")
    assert answer.texts == [OPENING]  # no heading, no figure, no sign-in form
    assert SUMMARY in seen["arrived"].texts
    assert OPENING not in seen["arrived"].texts
    # A browser that did not follow the redirect: its next click draws the page.
    assert seen["stayed"].texts == [OPENING]
    assert SUMMARY in seen["next_click"].texts
    assert not seen["next_click"].exceptions
    # Each browser has its own mark; the other browser got no session from the link.
    assert len(set(seen["marks"])) == 2
    assert COOKIE not in seen["taken"].cookies and FAILED in seen["taken"].cookies
    assert any(NOT_FINISHED in text for text in seen["refused"].texts)
    assert "Nama pengguna" in seen["refused"].widgets and SUMMARY not in seen["refused"].texts
