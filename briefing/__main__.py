"""Write the briefing deck (and its PDF) for given filters, e.g. from a scheduler:

python -m briefing --year 2025 --quarter 4 --out var/paparan_2025_tw4.pptx [--pdf]

Without --year and --quarter the deck is for the period the pages open on: the latest quarter
that has ended and that enough partners reported (config/pelaporan.toml).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing import deck
from briefing.data import LEADERSHIP, gather
from briefing.pdf import PdfUnavailable, to_pdf
from core.figures.completeness import load_rules
from core.figures.periods import Period, default_period, today
from core.figures.scoring import ScoringConfigError
from core.text import fmt
from data_access.figures import periods
from data_access.store.setup import ensure_database


def _opening_period() -> Period:
    reporting = periods.reporting_by_quarter(viewer=LEADERSHIP)
    return default_period(reporting, today(), load_rules().default_min_share).period


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, help="default: the period the pages open on")
    parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
    parser.add_argument("--partner-type", choices=("pemda", "lembaga_pendidikan"))
    parser.add_argument("--province")
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--per-partner", action="store_true", help="one slide per partner")
    parser.add_argument(
        "--approved-only", action="store_true", help="figures of approved reports only"
    )
    parser.add_argument("--pdf", action="store_true", help="also write the PDF beside the deck")
    parser.add_argument("--out", type=Path, required=True, help="the .pptx file to write")
    args = parser.parse_args(argv)
    try:
        ensure_database()
        year, quarter = args.year, args.quarter
        if year is None or quarter is None:
            opening = _opening_period()
            year = year if year is not None else opening.year
            quarter = quarter if quarter is not None else opening.quarter
            print(f"Periode: {fmt.period(year, quarter)}", file=sys.stderr)
        briefing = gather(
            year=year,
            quarter=quarter,
            partner_type=args.partner_type,
            province=args.province,
            verified_only=args.approved_only,
        )
    except ScoringConfigError as exc:
        print(f"Berkas konfigurasi penilaian salah: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(deck.build(briefing, lang=args.lang, per_partner=args.per_partner))
    print(args.out)
    if args.pdf:
        try:
            pdf = to_pdf(args.out)
        except PdfUnavailable as exc:
            print(str(exc), file=sys.stderr)
            return 3
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
