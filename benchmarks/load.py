"""Load benchmark through the production topology: `python -m benchmarks.load`.

Starts nginx (deploy/nginx.conf) in front of 3 app processes on PostgreSQL holding the
national data set, then drives 1, 10 and 50 concurrent sessions that talk to the app over
its WebSocket as a browser does (benchmarks/ws_client.py): partners' operators and the
agency's staff sign in, open pages, change a filter, open a partner and download a table.
Prints, per page and action, p50/p95/max time until the page's run finished, errors,
sessions that saw data not theirs, and each process's memory at the start, at the peak,
with every session open and idle after its visit, and after the sessions closed (past the
time Streamlit keeps a closed session for its browser); writes benchmarks/LOAD.md.

    python -m benchmarks.load                      # national data set, 1, 10, 50 sessions
    python -m benchmarks.load --sessions 1,10,50,50,50,50@40 --browser 5   # as in LOAD.md
    python -m benchmarks.load --data demo --sessions 3 --processes 2 --out /tmp/LOAD.md
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from collections import defaultdict
from pathlib import Path
from time import process_time

from benchmarks.load_report import Round, browser_report, report, warm_report
from benchmarks.load_setup import (
    PASSWORD,
    Sampler,
    Topology,
    accounts,
    cpu_seconds,
    machine_busy_seconds,
    prepare_database,
    rss_mb,
)
from benchmarks.ws_client import FAILURES, Browser, Page

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/pantau_beban"
PARTNER_SHARE = 0.6  # of the sessions: partners' operators; the rest leadership and verifiers
# Sessions arriving (opening the sign-in page) per second, on average: 5 a second is 50
# people within 10 s, far more than a quarter's end brings (21 partners in an hour) but
# what a briefing's "everyone open the dashboard now" does. A round written `50@40` has
# its 50 arrive within about a second instead: the sign-in burst.
ARRIVALS_PER_SECOND = 5.0
# Seconds after the sessions close before memory is read again: past the 120 s for which
# Streamlit keeps a disconnected session in case its browser comes back, and the next look
# of ui.frame.session_release (every 5 s) that shuts such sessions down.
AFTER_CLOSE = 135.0
SETTLE = 2.0  # seconds between the last session's last action and reading idle memory


class Together:
    """The sessions that have done their visit stay open and idle until every one has; then,
    after SETTLE seconds, `on_idle` runs (memory is read) and all of them close."""

    def __init__(self, count: int, on_idle=None):
        self.count, self.on_idle, self.arrived = count, on_idle, 0
        self.release = asyncio.Event()

    async def wait(self) -> None:
        self.arrived += 1
        if self.arrived == self.count:
            await asyncio.sleep(SETTLE)
            if self.on_idle is not None:
                self.on_idle()
            self.release.set()
        await self.release.wait()


async def partner_visit(base: str, who, others: list, rnd: Round, together: Together) -> None:
    username, _, name = who
    browser = Browser(base)
    try:
        home = await _timed(rnd, "masuk (mitra)", browser.sign_in(username, PASSWORD))
        _own(rnd, username, home, name, others, f"Beranda {name}")
        report = await _timed(rnd, "Pelaporan", browser.run(page="pelaporan"))
        _own(rnd, username, report, name, others)
        # Another partner's profile asked for by address: the partner's own is shown.
        other = random.choice(others)[1] if others else ""
        profile = await _timed(rnd, "Profil Mitra", browser.open(f"/profil_mitra?mitra={other}"))
        _own(rnd, username, profile, name, others, name)
        year = await _timed(rnd, "filter Tahun", browser.choose(profile, "Tahun", "2024"))
        _own(rnd, username, year, name, others)
        seconds, size = await browser.download(year, "Unduh CSV")
        rnd.times["unduh CSV"].append(seconds)
        results = await _timed(rnd, "Hasil Penilaian", browser.run(page="hasil_penilaian"))
        _own(rnd, username, results, name, others)
    except FAILURES as exc:
        rnd.errors.append(f"{username}: {type(exc).__name__}: {exc}")
    finally:
        await together.wait()
        await browser.close()


async def staff_visit(base: str, who, partners: list, rnd: Round, together: Together) -> None:
    username, role = who
    browser = Browser(base)
    try:
        await _timed(rnd, "masuk (staf)", browser.sign_in(username, PASSWORD))
        for page in ("ringkasan", "perbandingan_mitra"):
            shown = await _timed(rnd, page.replace("_", " ").title(), browser.run(page=page))
            _clean(rnd, username, shown)
        shown = await _timed(rnd, "filter Triwulan", browser.choose(shown, "Triwulan", "TW II"))
        _clean(rnd, username, shown)
        code, name = random.choice(partners)[1:3] if partners else ("", "")
        profile = await _timed(rnd, "Profil Mitra", browser.open(f"/profil_mitra?mitra={code}"))
        _clean(rnd, username, profile)
        if name and name not in profile.text():
            rnd.crossed.append(f"{username}: asked for {name}, shown another partner")
        seconds, _ = await browser.download(profile, "Unduh CSV")
        rnd.times["unduh CSV"].append(seconds)
        for page in ("anggaran_pelatihan", "cakupan_sosialisasi"):
            shown = await _timed(rnd, page.replace("_", " ").title(), browser.run(page=page))
            _clean(rnd, username, shown)
    except FAILURES as exc:
        rnd.errors.append(f"{username}: {type(exc).__name__}: {exc}")
    finally:
        await together.wait()
        await browser.close()


async def _timed(rnd: Round, label: str, work) -> Page:
    shown = await work
    rnd.times[label].append(shown.elapsed)
    await asyncio.sleep(random.uniform(*rnd.think))
    return shown


def _clean(rnd: Round, username: str, shown: Page) -> None:
    if shown.exceptions:
        rnd.errors.append(f"{username}: {shown.exceptions[0][:200]}")


def _own(
    rnd: Round, username: str, shown: Page, name: str, others: list, title: str | None = None
) -> None:
    """A partner's page shows its own partner and no other partner's name."""
    _clean(rnd, username, shown)
    if title and title not in shown.texts:
        rnd.crossed.append(f"{username}: expected '{title}' on the page")
    payload = bytes(shown.payload)
    leaked = [n for _, _, n in others if n != name and n not in name and n.encode() in payload]
    if leaked:
        rnd.crossed.append(f"{username}: saw {leaked[0]}")


async def one_round(
    base: str, count: int, people: dict, think: tuple, on_idle, rate: float
) -> Round:
    rnd = Round(count, think, rate)
    together = Together(count, on_idle)
    partners = people["mitra"]
    n_partners = max(1, round(count * PARTNER_SHARE)) if count > 1 else 1
    visits = []
    for n in range(count):
        await asyncio.sleep(random.uniform(0, 2 / rate))  # `rate` arrivals a second
        if n < n_partners:
            who = partners[n % len(partners)]
            visits.append(asyncio.create_task(partner_visit(base, who, partners, rnd, together)))
        else:
            who = people["staff"][n % len(people["staff"])]
            visits.append(asyncio.create_task(staff_visit(base, who, partners, rnd, together)))
    started = time.perf_counter()
    await asyncio.gather(*visits)
    rnd.wall = time.perf_counter() - started
    return rnd


STAFF_PAGES = ("ringkasan", "nota_kesepahaman", "anggaran_pelatihan", "cakupan_sosialisasi",
               "perbandingan_mitra", "profil_mitra", "hasil_penilaian",
               "kelengkapan_data")  # fmt: skip
PARTNER_PAGES = ("beranda", "pelaporan", "profil_mitra", "penilaian_mandiri", "hasil_penilaian")


async def warm_pages(base: str, people: dict, repeats: int = 3) -> dict[str, list[float]]:
    """One leader and one partner's operator alone on the server: each page opened once
    (its reads come into the caches), then `repeats` times more; the seconds of those."""
    times: dict[str, list[float]] = defaultdict(list)
    for who, pages, label in (
        (people["staff"][0][0], STAFF_PAGES, "pimpinan"),
        (people["mitra"][0][0], PARTNER_PAGES, "mitra"),
    ):
        browser = Browser(base)
        try:
            await browser.sign_in(who, PASSWORD)
            for page in pages:
                await browser.run(page=page)
            for _ in range(repeats):
                for page in pages:
                    shown = await browser.run(page=page)
                    times[f"{page.replace('_', ' ').title()} ({label})"].append(shown.elapsed)
        finally:
            await browser.close()
    return times


def measured_round(
    topology: Topology, count: int, people: dict, think: tuple, after_close: float, rate: float
) -> Round:
    """One round with each process's memory (start, peak, all sessions open and idle, after
    they closed) and the processor time used by the app processes, the load client and the
    rest of the machine."""
    pids = topology.pids()
    start = {pid: rss_mb(pid) for pid in pids}
    idle: dict[int, float] = {}
    app_cpu, own_cpu, machine = sum(map(cpu_seconds, pids)), process_time(), machine_busy_seconds()
    sampler = Sampler(pids)
    sampler.start()

    def read_idle() -> None:
        idle.update({pid: rss_mb(pid) for pid in pids})

    rnd = asyncio.run(one_round(topology.base, count, people, think, read_idle, rate))
    sampler.running = False
    app_cpu = sum(map(cpu_seconds, pids)) - app_cpu
    own_cpu, machine = process_time() - own_cpu, machine_busy_seconds() - machine
    rnd.cpu = {"app processes": app_cpu, "load client": own_cpu,
               "PostgreSQL, nginx and the rest": max(0.0, machine - app_cpu - own_cpu)}  # fmt: skip
    time.sleep(after_close)
    rnd.after_close = after_close
    rnd.memory = {
        pid: (start[pid], max(sampler.peak[pid], start[pid]), idle[pid], rss_mb(pid))
        for pid in pids
    }
    return rnd


def _round_spec(item: str, rate: float) -> tuple[int, float]:
    """`50` → (50, rate); `50@40` → (50, 40.0)."""
    count, _, own = item.partition("@")
    return int(count), float(own) if own else rate


def main(argv: list[str] | None = None) -> int:
    args, think, plan = _arguments(argv)
    random.seed(514)
    counts = [count for count, _ in plan]
    prepare_database(args.database_url, args.data)
    people = accounts(args.database_url, partners=max(counts), staff=max(2, max(counts) // 2))
    topology = Topology(args.database_url, args.processes)
    rounds = []
    try:
        topology.start()
        # From a fresh start the first round meets the processes as a deploy leaves them.
        warm = None if args.fresh else asyncio.run(warm_pages(topology.base, people))
        for count, rate in plan:
            rnd = measured_round(topology, count, people, think, args.after_close, rate)
            rounds.append(rnd)
            print(
                f"{count} session(s): {rnd.wall:.1f} s, {len(rnd.errors)} errors, "
                f"{len(rnd.crossed)} crossed",
                flush=True,
            )
            for problem in (rnd.errors + rnd.crossed)[:3]:
                print("  ", problem, flush=True)
        warm = warm or asyncio.run(warm_pages(topology.base, people))
        kind = "PostgreSQL" if args.database_url.startswith("postgresql") else "SQLite"
        text = report(rounds, args.data, args.processes, kind) + warm_report(warm)
        args.out.write_text(text, encoding="utf-8")  # kept if the browser part fails
        if args.browser:
            from benchmarks.clicks import click_to_content

            username = people["staff"][0][0]  # a leader
            clicks = click_to_content(topology.base, username, PASSWORD, args.browser)
            text += browser_report(clicks, args.browser)
    finally:
        topology.stop()
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 1 if any(r.errors or r.crossed for r in rounds) else 0


def _arguments(argv: list[str] | None):
    """The command line: (its arguments, the think time range, the rounds as (sessions,
    arrivals a second))."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--data", choices=("national", "demo"), default="national")
    parser.add_argument(
        "--sessions",
        default="1,10,50",
        metavar="N[@RATE],...",
        help="rounds of N sessions arriving RATE a second",
    )
    parser.add_argument(
        "--arrivals",
        type=float,
        default=ARRIVALS_PER_SECOND,
        metavar="RATE",
        help="arrivals a second where a round names no RATE",
    )
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "LOAD.md")
    parser.add_argument("--think", default="2-5", help="seconds between a session's actions")
    parser.add_argument(
        "--after-close",
        type=float,
        default=AFTER_CLOSE,
        metavar="SECONDS",
        help="wait before memory is read after the sessions closed",
    )
    parser.add_argument(
        "--browser",
        type=int,
        default=0,
        metavar="REPEATS",
        help="time click to content in Chromium, REPEATS per page",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="the first round right after the processes start"
    )
    args = parser.parse_args(argv)
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    try:
        plan = [_round_spec(item, args.arrivals) for item in args.sessions.split(",")]
    except ValueError:
        parser.error(f"--sessions {args.sessions!r}: give rounds as N or N@RATE, e.g. 1,10,50@40")
    if any(count < 1 or rate <= 0 for count, rate in plan):
        parser.error("--sessions: each round needs at least 1 session and a rate above 0")
    return args, think, plan


if __name__ == "__main__":
    raise SystemExit(main())
