"""The sign-in throttle behind the production proxy (deploy/nginx.conf in front of two app
processes, as the load benchmark runs them): it counts the visitor's own address, whatever
X-Forwarded-For the visitor sends, across both processes; an app process reached directly
takes no such header from a visitor that is not its proxy. Visitors are told apart by
their own loopback addresses (127.0.0.2, …), over the app's WebSocket."""

from __future__ import annotations

import sqlalchemy as sa

from benchmarks.load_setup import Topology
from benchmarks.ws_client import Browser
from data_access.accounts import login
from tests.browser.conftest import apart

THROTTLED = "Terlalu banyak percobaan masuk yang gagal dari perangkat ini"


async def _attempts(base: str, direct: str) -> dict:
    seen: dict = {"failed": []}
    for n in range(login.CLIENT_FAILURES):  # each with another forged address
        guesser = Browser(base, local="127.0.0.2", headers={"X-Forwarded-For": f"10.66.0.{n}"})
        try:
            seen["failed"].append(
                (await guesser.submit_sign_in(f"tebak-{n}", "salah-salah")).text()
            )
        finally:
            await guesser.close()
    again = Browser(base, local="127.0.0.2", headers={"X-Forwarded-For": "10.66.1.1"})
    other = Browser(base, local="127.0.0.3")
    straight = Browser(direct, local="127.0.0.4", headers={"X-Forwarded-For": "10.77.0.1"})
    try:
        seen["again"] = await again.submit_sign_in("admin", "contoh-admin")
        seen["other"] = await other.submit_sign_in("admin", "contoh-admin")
        seen["straight"] = await straight.submit_sign_in("tebak-x", "salah-salah")
    finally:
        for browser in (again, other, straight):
            await browser.close()
    return seen


def _failures(database_url: str) -> dict[str, int]:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT client, COUNT(*) FROM sign_in_failure GROUP BY client")
            ).all()
    finally:
        engine.dispose()
    return dict(rows)


def test_the_throttle_counts_the_real_visitor_behind_nginx(database_url):
    topology = Topology(database_url, processes=2)
    topology.start()
    try:
        seen = apart(lambda: _attempts(topology.base, f"http://127.0.0.1:{topology.ports[1]}"))
    finally:
        topology.stop()
    assert all("salah" in text for text in seen["failed"]), seen["failed"]
    # The tenth failure from 127.0.0.2 throttles it, although each came "from" elsewhere.
    assert THROTTLED in seen["again"].text() and not seen["again"].redirect
    assert seen["other"].redirect.startswith("/sesi/mulai?kode=")  # another visitor: in
    # Counted under the visitors' own addresses, never a forged one.
    assert _failures(database_url) == {"127.0.0.2": login.CLIENT_FAILURES, "127.0.0.4": 1}
