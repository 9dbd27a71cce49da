"""A session whose browser went away is shut down once the time Streamlit keeps it for a
returning browser is up, and the memory is handed back (ui.frame.session_release): a real server
(app.py) with sessions over its WebSocket, the figures read from /_stcore/metrics."""

from __future__ import annotations

import re
import time
import urllib.request

from benchmarks.ws_client import Browser
from tests.browser.conftest import apart, start_app, stop_app
from ui.frame import session_release

KEPT_FOR = 2  # seconds: server.disconnectedSessionTTL of the server under test


def metrics(base: str) -> dict[str, int]:
    with urllib.request.urlopen(f"{base}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    found = re.findall(r"^([a-z_]+(?:\{[^}]*\})?) (\d+)$", text, flags=re.MULTILINE)
    return {name: int(value) for name, value in found}


def until(base: str, ready, seconds: float = 30.0) -> dict[str, int]:
    deadline = time.monotonic() + seconds
    while True:
        shown = metrics(base)
        if ready(shown) or time.monotonic() > deadline:
            return shown
        time.sleep(0.25)


async def visits(base: str) -> list[str]:
    """A leader signs in and opens a page; a second browser only opens the sign-in page.
    Both leave without signing out (the tab is closed)."""
    texts = []
    leader, passer = Browser(base), Browser(base)
    try:
        await leader.sign_in("pimpinan", "contoh-pimpinan")
        texts.append((await leader.run(page="ringkasan")).text())
        texts.append((await passer.open("/")).text())
    finally:
        await leader.close()
        await passer.close()
    return texts


def test_sessions_whose_browser_left_are_shut_down_after_the_time_kept(database_url):
    app = start_app(database_url, args=("--server.disconnectedSessionTTL", str(KEPT_FOR)))
    try:
        released = f"{session_release.RELEASED}_total"
        first = until(app.url, lambda m: released in m)
        assert first[released] == 0  # the counts are in the metrics from the start
        started = time.monotonic()
        texts = apart(lambda: visits(app.url))
        assert "Ringkasan" in texts[0] and texts[1]
        connected = metrics(app.url)['session_events_total{type="connect"}']
        assert connected >= 2
        shown = until(app.url, lambda m: m[released] >= connected)
        # Every session that was opened has been shut down, none before its time was up.
        assert shown[released] == connected, shown
        assert time.monotonic() - started >= KEPT_FOR
        assert shown[session_release.KEPT] == 0
        assert shown["active_sessions"] == 0
        assert shown[f"{session_release.RETURNED}_total"] >= 0
        # The server goes on serving: a new visit after the release works as before.
        again = apart(lambda: visits(app.url))
        assert "Ringkasan" in again[0]
    finally:
        stop_app(app)


def test_the_time_between_looks_follows_the_time_a_session_is_kept():
    assert session_release.sweep_seconds(120) == session_release.SWEEP_SECONDS
    assert session_release.sweep_seconds(2) == 0.5
    assert session_release.sweep_seconds(8) == 2.0
    assert session_release.sweep_seconds(0) == 0.25


def test_memory_freed_below_the_heaps_top_goes_back_to_the_system():
    start = session_release.resident_bytes()
    blocks = [bytearray(64 * 1024) for _ in range(1024)]  # 64 MB in blocks from the heap
    last = blocks[-1]  # the block on top stays: freeing cannot shrink the heap by itself
    del blocks
    freed = session_release.resident_bytes() - start
    returned = session_release.give_back()
    assert returned >= 0.75 * freed and freed >= 48 * 2**20, (freed, returned)
    assert len(last) == 64 * 1024
