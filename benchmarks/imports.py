"""How long a 100,000-row import takes, with every check: `python -m benchmarks.imports`.

Builds a CSV of socialization events for TW I 2026 across the demo partners' villages (typed
the way people type: `15 Februari 2026`, names with `Kab.`), then times reading, checking,
the preview and the write (one transaction, derived tables rebuilt), on a fresh copy of the
demo database (SQLite by default, `--database-url` for another). Prints the figures.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from core.imports.importing import KINDS, TOPICS, check, read_table

MONTHS = ("Januari", "Februari", "Maret")


def build_csv(villages: list[tuple[str, str]], rows: int) -> bytes:
    """`rows` distinct events (partner, village, day, topic) in TW I 2026."""
    rng = random.Random(7)
    out = io.StringIO()
    out.write(
        "kode_mitra,tahun,triwulan,kode_desa,tanggal,topik,peserta_laki_laki,peserta_perempuan\n"
    )
    seen = set()
    while len(seen) < rows:
        partner, village = villages[rng.randrange(len(villages))]
        day = date(2026, 1, 1) + timedelta(days=rng.randrange(90))
        topic = TOPICS[rng.randrange(len(TOPICS))]
        if (village, day, topic) in seen:
            continue
        seen.add((village, day, topic))
        written = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        out.write(
            f'"{partner}",2026,TW I,{village},{written},{topic},'
            f"{rng.randrange(10, 50)},{rng.randrange(10, 50)}\n"
        )
    return out.getvalue().encode()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    import os

    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{Path(folder) / 'b.sqlite3'}"
    from data_access.figures import socialization
    from data_access.imports import imports
    from data_access.store.access import Viewer
    from data_access.store.setup import ensure_database

    ensure_database()
    admin = Viewer("admin", username="admin")
    codes = socialization.village_codes(viewer=admin)
    names = {"32.12": "Kab. Indramayu", "32.09": "Kabupaten Cirebon", "71.04": "KEPULAUAN TALAUD"}
    villages = [
        (names.get(p, p), c) for c, p in zip(codes["code"], codes["partner_code"], strict=True)
    ]
    data = build_csv(villages, args.rows)
    timings = {}
    start = time.perf_counter()
    headers, rows = read_table("sosialisasi.csv", data)
    timings["read"] = time.perf_counter() - start
    start = time.perf_counter()
    result = check(KINDS["sosialisasi"], headers, rows, imports.lookups(viewer=admin))
    timings["check"] = time.perf_counter() - start
    assert result.ok, result.problems[:3]
    start = time.perf_counter()
    work = imports.preview(viewer=admin, kind="sosialisasi", records=result.records)
    timings["preview"] = time.perf_counter() - start
    start = time.perf_counter()
    imports.apply(
        viewer=admin,
        kind="sosialisasi",
        records=result.records,
        file_name="sosialisasi.csv",
        file_bytes=data,
    )
    timings["write"] = time.perf_counter() - start
    total = sum(timings.values())
    print(f"{args.rows:,} rows ({len(data) / 2**20:.1f} MB CSV), {len(work.added):,} new")
    for step, seconds in timings.items():
        print(f"  {step:8} {seconds:6.2f} s")
    print(f"  {'total':8} {total:6.2f} s  (goal: under 20 s)")


if __name__ == "__main__":
    main()
