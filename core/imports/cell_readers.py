"""How each kind of cell in an import file is read: year, quarter, a choice from a list, text
up to a length, a village code or a list of them; money, counts and days come from
core.text.parse."""

from __future__ import annotations

import re

from core.imports.import_kinds import FUND_SOURCES, TOPICS, header_key
from core.text import parse

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter(raw) -> parse.Parsed:
    if parse.blank(raw):
        return parse.Parsed(error="kosong; isi 1, 2, 3 atau 4")
    text = re.sub(r"^(triwulan|tw)\s*", "", str(raw).strip().lower())
    if text in ROMAN:
        return parse.Parsed(ROMAN[text])
    value = parse.count(raw if not isinstance(raw, str) else text)
    if value.ok and value.value in (1, 2, 3, 4):
        return value
    return parse.Parsed(error="triwulan harus 1, 2, 3 atau 4 (atau TW I … TW IV)")


def _year(raw) -> parse.Parsed:
    value = parse.count(raw)
    if value.ok and 2000 <= value.value <= 2100:
        return value
    return parse.Parsed(error="tahun harus empat angka antara 2000 dan 2100, mis. 2025")


def _choice(options: tuple[str, ...]):
    def read(raw) -> parse.Parsed:
        text = header_key(raw).upper()
        if text in options:
            return parse.Parsed(text)
        return parse.Parsed(error=f"harus salah satu dari: {', '.join(options)}")

    return read


def _text_up_to(limit: int, required: bool):
    def read(raw) -> parse.Parsed:
        text = "" if parse.blank(raw) else str(raw).strip()
        if required and not text:
            return parse.Parsed(error="kosong; isi teksnya")
        if len(text) > limit:
            return parse.Parsed(error=f"paling banyak {limit} huruf")
        return parse.Parsed(text)

    return read


def _village(raw) -> parse.Parsed:
    digits = re.sub(r"\D", "", str(raw or ""))
    if len(digits) != 10:
        return parse.Parsed(
            error="kode desa harus 10 digit, mis. 32.12.01.2001 atau kode BPS 3212010001"
        )
    return parse.Parsed(digits)


MAX_LISTED = 500  # village codes in one cell


def _villages(raw) -> parse.Parsed:
    """Village codes separated by semicolons, commas, slashes or line breaks (each as
    `_village` reads it), in the order written, each once; blank is an empty list."""
    if parse.blank(raw):
        return parse.Parsed(())
    parts = [p for p in re.split(r"[;,/\n]+", str(raw)[: MAX_LISTED * 20]) if p.strip()]
    if len(parts) > MAX_LISTED:
        return parse.Parsed(error=f"paling banyak {MAX_LISTED} kode desa dalam satu sel")
    codes = []
    for part in parts:
        code = _village(part)
        if not code.ok:
            return parse.Parsed(error=f"{part.strip()[:20]}: {code.error}")
        codes.append(code.value)
    return parse.Parsed(tuple(dict.fromkeys(codes)))


PARSERS = {
    "year": _year,
    "quarter": _quarter,
    "source": _choice(FUND_SOURCES),
    "topic": _choice(TOPICS),
    "money": parse.money,
    "count": parse.count,
    "day": parse.day,
    "text": _text_up_to(80, required=False),
    "label": _text_up_to(120, required=True),
    "village": _village,
    "villages": _villages,
}
