"""Write the briefing deck (and its PDF) for given filters, e.g. from a scheduler:

python -m briefing --year 2025 --quarter 4 --out var/paparan_2025_tw4.pptx [--pdf]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing import deck
from briefing.data import gather
from briefing.pdf import PdfUnavailable, to_pdf
from core.scoring import ScoringConfigError
from data_access.setup import ensure_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), required=True)
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
        briefing = gather(
            year=args.year,
            quarter=args.quarter,
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
