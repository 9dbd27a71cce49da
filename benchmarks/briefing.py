"""How long the briefing takes for all 21 partners: `python -m benchmarks.briefing`.

Times gathering the figures, building the deck with a slide per partner, and converting it to
PDF with LibreOffice, on a fresh copy of the demo database. Prints the figures.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'b.sqlite3'}")
    from briefing import deck, pdf
    from briefing.data import gather
    from data_access.store.setup import ensure_database

    ensure_database()
    gather(year=2025, quarter=4)  # imports and first connection out of the figures
    start = time.perf_counter()
    briefing = gather(year=2025, quarter=4)
    gathered = time.perf_counter() - start
    start = time.perf_counter()
    data = deck.build(briefing, per_partner=True)
    built = time.perf_counter() - start
    path = folder / "paparan.pptx"
    path.write_bytes(data)
    print(f"21 partners, {len(briefing.scored)} partner slides, {len(data) / 1024:.0f} KB")
    print(f"  figures  {gathered:6.2f} s")
    print(f"  deck     {built:6.2f} s   deck total {gathered + built:5.2f} s (goal: under 5 s)")
    if pdf.converter() is None:
        print(f"  pdf      not measured: LibreOffice is missing ({pdf.INSTALL})")
        return
    start = time.perf_counter()
    pdf.to_pdf(path)
    print(f"  pdf      {time.perf_counter() - start:6.2f} s   (goal: under 15 s)")


if __name__ == "__main__":
    main()
