"""How much a hostile file or a crowd of sign-ins may cost: `python -m benchmarks.hostile`.

For each file of the hostile corpus (benchmarks/hostile_files.py) a fresh process reads it as
the import does and reports the time to its refusal and its peak memory over the process's
baseline (the heavy files that are read, too); three tabs left open on the import page, each
with the same 6.6 MB CSV of 299,000 bad rows, and the memory the process still holds after
each; then 20 sign-in attempts at once (half for an unknown account) on a copy of the demo
database. Goal: every file within 5 s and under +300 MB, the three tabs holding under +300 MB
together, the sign-ins under +300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.hostile_files import CASES, HEAVY

ROOT = Path(__file__).resolve().parent.parent
PEAK = """
def peak():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM")) // 1024
"""
FILE = (
    PEAK
    + """
import json, sys, time
from benchmarks import hostile_files
from core.imports.import_files import FileProblem, read_table
from core.imports.importing import KINDS, check
from data_access.imports import imports
from data_access.store.access import Viewer
name = sys.argv[1]
make, kind = {**hostile_files.CASES, **hostile_files.HEAVY}[name][:2]
data = make()
admin = Viewer("admin", username="admin")
lookups = imports.lookups(viewer=admin)
base = peak()
started = time.perf_counter()
try:
    headers, rows = read_table(name, data)
    result = check(KINDS[kind], headers, rows, lookups)
    outcome = result.problems[0].problem if result.problems else "accepted"
except FileProblem as exc:
    outcome = str(exc)
print(json.dumps({"size": len(data), "base": base, "peak": peak(),
                  "seconds": time.perf_counter() - started, "outcome": outcome}))
"""
)
SIGN_IN = (
    PEAK
    + """
import json, threading, time
from data_access.accounts import login
login.authenticate(username="admin", password="pemanasan-saja")
base = peak()
barrier = threading.Barrier(20)
def go(n):
    barrier.wait()
    login.authenticate(username="admin" if n % 2 else "tidak-ada", password="salah-salah",
                       client=f"10.0.0.{n}")
started = time.perf_counter()
threads = [threading.Thread(target=go, args=(n,)) for n in range(20)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps({"base": base, "peak": peak(), "seconds": time.perf_counter() - started}))
"""
)


TABS = (
    PEAK
    + """
import ctypes, gc, json, sys, time
from datetime import datetime
from streamlit.testing.v1 import AppTest
from benchmarks.hostile_files import bad_rows_csv
from ui.accounts.auth import AUTH_KEY
def held():
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)  # what is still held, not what was freed
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) // 1024
data = bad_rows_csv(int(sys.argv[2]))
tabs, figures = [], []
for n in range(int(sys.argv[1])):
    at = AppTest.from_file("dashboard.py", default_timeout=600)
    at.session_state[AUTH_KEY] = {"username": "admin", "full_name": "Admin", "role": "admin",
                                  "partner_id": None, "last_seen": datetime.now()}
    at.run()
    at.switch_page("pages/impor_data.py").run()
    if n == 0:
        base = held()
    started = time.perf_counter()
    at.file_uploader(key="w_import_file_anggaran").set_value(
        (f"buruk_{n}.csv", data, "text/csv")).run()
    seconds = time.perf_counter() - started
    tabs.append(at)  # each tab stays open, as a person leaves browser tabs
    figures.append({"seconds": seconds, "held": held() - base,
                    "outcome": at.error[0].value if at.error else "accepted"})
print(json.dumps({"size": len(data), "tabs": figures, "peak": peak()}))
"""
)


def _run(code: str, *args: str, env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile")
    every = [*CASES, *HEAVY]
    parser.add_argument(
        "--cases",
        nargs="+",
        choices=every,
        default=every,
        metavar="FILE",
        help="the hostile files to measure (default: all)",
    )
    parser.add_argument(
        "--tabs",
        type=int,
        default=3,
        choices=range(1, 11),
        metavar="1-10",
        help="tabs that each check the file of bad rows",
    )
    parser.add_argument(
        "--bad-rows",
        type=int,
        default=299_000,
        metavar="N",
        help="rows in the file of bad rows (default 299,000: 6.6 MB)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        env = {"DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3"}
        _run(
            "from data_access.store.setup import ensure_database; ensure_database(); print('{}')",
            env=env,
        )
        print(f"{'file':18} {'size':>10} {'seconds':>8} {'+MB':>6}  outcome")
        worst_time = worst_memory = 0.0
        for name in args.cases:  # refused, then read as they should be
            figures = _run(FILE, name, env=env)
            extra = figures["peak"] - figures["base"]
            worst_time = max(worst_time, figures["seconds"])
            worst_memory = max(worst_memory, extra)
            print(
                f"{name:18} {figures['size']:>10,} {figures['seconds']:>8.2f} {extra:>6}  "
                f"{figures['outcome'][:70]}"
            )
        tabs = _run(TABS, str(args.tabs), str(max(1, args.bad_rows)), env=env)
        for n, tab in enumerate(tabs["tabs"], start=1):
            print(
                f"{'bad rows, tab ' + str(n):18} {tabs['size']:>10,} {tab['seconds']:>8.2f} "
                f"{tab['held']:>6}  held after the tab's check; {tab['outcome'][:40]}"
            )
        held = tabs["tabs"][-1]["held"]
        crowd = _run(SIGN_IN, env=env)
        crowd_memory = crowd["peak"] - crowd["base"]
        print(f"{'20 sign-ins':18} {'':>10} {crowd['seconds']:>8.2f} {crowd_memory:>6}")
        met = worst_time < 5 and worst_memory < 300 and crowd_memory < 300 and held < 300
        print(
            f"worst file {worst_time:.2f} s, +{worst_memory:.0f} MB; {args.tabs} tab(s) of bad "
            f"rows hold +{held:.0f} MB; sign-ins +{crowd_memory:.0f} MB: "
            f"{'goals met' if met else 'GOALS NOT MET'}"
        )


if __name__ == "__main__":
    main()
