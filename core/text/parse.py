"""What people really type into spreadsheets, read into values: Indonesian money, numbers,
percentages, dates, and partner names or codes. Every parser returns a value or a sentence
saying what is wrong and what would be right; none raises."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
SCALES = {
    "ribu": 10**3, "rb": 10**3,
    "juta": 10**6, "jt": 10**6,
    "miliar": 10**9, "milyar": 10**9, "m": 10**9,
    "triliun": 10**12, "t": 10**12,
}  # fmt: skip
MAX_MONEY = 10**15  # Rp1.000 triliun: far above any training budget
MAX_COUNT = 10**9
EXCEL_EPOCH = date(1899, 12, 30)
DIGITS = re.compile(r"^\d+$")
GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
# A comma before exactly three digits reads as thousands in English and as decimals in
# Indonesian (Rp310,000 is 310 or 310.000): refused, never guessed.
AMBIGUOUS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
NUMBER = re.compile(r"^(?P<body>[\d.,]+)\s*(?P<scale>[a-z]+)?$")
DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
WORDY = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


@dataclass(frozen=True)
class Parsed:
    """A parsed cell: `value`, or `error` (a sentence) when the cell cannot be read."""

    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def blank(raw) -> bool:
    """Empty cells: None, NaN, or only spaces."""
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and not raw.strip()


def _clean(raw) -> str:
    text = unicodedata.normalize("NFKC", str(raw)).strip().lower()
    return re.sub(r"\s+", " ", text)


def _decimal(body: str) -> Decimal | None:
    """Digits with Indonesian separators (dot thousands, comma decimals)."""
    if DIGITS.match(body):
        return Decimal(body)
    dot, comma = body.rfind("."), body.rfind(",")
    if dot >= 0 and comma >= 0:
        if comma > dot:  # 1.250.000,50
            whole, fraction = body[:comma], body[comma + 1 :]
            if not GROUPED_DOT.match(whole) and not DIGITS.match(whole):
                return None
            body = whole.replace(".", "") + "." + fraction
        else:  # 1,250,000.50: English, refused before this point
            return None
    elif dot >= 0:
        body = body.replace(".", "") if GROUPED_DOT.match(body) else body
    elif comma >= 0:
        body = body.replace(",", ".")
    if not re.match(r"^\d+(\.\d+)?$", body):
        return None
    try:
        return Decimal(body)
    except InvalidOperation:
        return None


def _number(raw, *, scales: bool) -> tuple[Decimal | None, str | None]:
    """(value, None) or (None, problem) for a number cell; negative numbers allowed."""
    if isinstance(raw, bool):
        return None, "bukan angka"
    if isinstance(raw, int):
        return Decimal(raw), None
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return None, "bukan angka"
        return Decimal(repr(raw)), None
    if type(raw) is str and raw.isascii() and raw.isdigit():
        return Decimal(raw), None  # plain digits, as most cells of a CSV are
    text = re.sub(r"[,.]-$", "", _clean(raw))  # Rp1.250.000,- as written on Indonesian forms
    # A minus before or after the figure (310.000- as some ledgers print it), or brackets.
    negative = text.startswith("-") or text.endswith("-")
    negative = negative or (text.startswith("(") and text.endswith(")"))
    text = text.strip("-() ")
    text = re.sub(r"^(rp\.?|idr)\s*", "", text)
    match = NUMBER.match(text.replace(" ", "") if not scales else text)
    if not match:
        return None, "bukan angka"
    scale = match.group("scale")
    if scale and (not scales or scale not in SCALES):
        return None, f"satuan '{scale}' tidak dikenal"
    if AMBIGUOUS_COMMA.match(match.group("body")):
        return None, (
            "angka ini bisa dibaca dua cara (koma sebagai pemisah ribuan cara Inggris); tulis "
            "cara Indonesia: titik untuk ribuan (Rp310.000), koma untuk desimal (1,25 miliar)"
        )
    value = _decimal(match.group("body"))
    if value is None:
        return None, "bukan angka yang dapat dibaca"
    value *= SCALES.get(scale or "", 1)
    return (-value if negative else value), None


def money(raw) -> Parsed:
    """Rupiah as whole rupiah: `Rp1.250.000`, `1.250.000,50`, `1,25 miliar`, `Rp7,9 juta`,
    `1250000`, a number cell. Negative sums are refused."""
    if blank(raw):
        return Parsed(error="kosong; isi jumlah rupiah, mis. Rp1.250.000")
    value, problem = _number(raw, scales=True)
    if problem:
        return Parsed(error=f"{problem}; tulis jumlah rupiah, mis. Rp1.250.000 atau 1,25 miliar")
    if value < 0:
        return Parsed(error="uang tidak boleh negatif; tulis jumlahnya tanpa tanda minus")
    if value > MAX_MONEY:
        return Parsed(error="jumlah terlalu besar; periksa jumlah digitnya")
    return Parsed(int(value.quantize(Decimal(1), rounding="ROUND_HALF_UP")))


def count(raw) -> Parsed:
    """A whole number of people or events: `1.234`, `1234`, a number cell."""
    if blank(raw):
        return Parsed(error="kosong; isi bilangan bulat, mis. 45")
    value, problem = _number(raw, scales=False)
    if problem:
        return Parsed(error=f"{problem}; isi bilangan bulat, mis. 45")
    if value != value.to_integral_value():
        return Parsed(error="harus bilangan bulat, tanpa desimal")
    if value < 0:
        return Parsed(error="tidak boleh negatif")
    if value > MAX_COUNT:
        return Parsed(error="terlalu besar; periksa jumlah digitnya")
    return Parsed(int(value))


def percent(raw) -> Parsed:
    """A share as a fraction: `72,5%` → 0.725; `72,5` is read as percent too; a number cell
    below or at 1 is taken as a fraction already (as spreadsheets store 72,5%)."""
    if blank(raw):
        return Parsed(error="kosong; isi persentase, mis. 72,5%")
    cell_fraction = isinstance(raw, int | float) and not isinstance(raw, bool) and raw <= 1
    text = raw if isinstance(raw, int | float) else _clean(raw).rstrip("%").strip()
    value, problem = _number(text, scales=False)
    if problem:
        return Parsed(error=f"{problem}; isi persentase, mis. 72,5%")
    share = value if cell_fraction else value / 100
    if share < 0 or share > 1:
        return Parsed(error="persentase harus antara 0% dan 100%")
    return Parsed(float(share))


def day(raw) -> Parsed:
    """A date: `31/03/2024`, `31-03-2024`, `2024-03-31`, `31 Maret 2024`, `31 Mar 2024`, a
    date cell, or a spreadsheet's day number."""
    if blank(raw):
        return Parsed(error="kosong; isi tanggal, mis. 31/03/2024")
    if isinstance(raw, datetime):
        return Parsed(raw.date())
    if isinstance(raw, date):
        return Parsed(raw)
    try:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if not 1 <= raw < 2_958_466 or raw != int(raw):
                return Parsed(error="bukan tanggal; tulis mis. 31/03/2024")
            return Parsed(date.fromordinal(EXCEL_EPOCH.toordinal() + int(raw)))
        text = _clean(raw)
        if m := DMY.match(text):
            d, mo, y = (int(g) for g in m.groups())
        elif m := ISO.match(text):
            y, mo, d = (int(g) for g in m.groups())
        elif (m := WORDY.match(text)) and m.group(2) in MONTHS:
            d, mo, y = int(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
        else:
            return Parsed(error="bukan tanggal yang dikenal; tulis mis. 31/03/2024")
        return Parsed(date(y, mo, d))
    except (ValueError, OverflowError):
        return Parsed(error="tanggal tidak ada di kalender; periksa hari dan bulannya")


PREFIXES = ("pemerintah ", "pemkab ", "pemkot ", "kabupaten ", "kab. ", "kab ", "kota ")


def name_key(raw) -> str:
    """A region or partner name reduced to compare: `Kab. Indramayu`, `Kabupaten Indramayu`,
    `INDRAMAYU` all become `indramayu`; `Kota Malang` stays apart as `kota malang`."""
    text = _clean(raw).replace("kab.", "kab. ").replace("  ", " ")
    city = False
    changed = True
    while changed:
        changed = False
        for prefix in PREFIXES:
            if text.startswith(prefix):
                city = city or prefix in ("kota ", "pemkot ")
                text = text[len(prefix) :].strip()
                changed = True
    text = re.sub(r"[^a-z0-9 ]", "", text).strip()
    return f"kota {text}" if city else text


class PartnerNames:
    """Finds a partner from what people write: Kemendagri code `32.12`, BPS code `3212`, a
    short code (`UBI`), the full or short name with or without `Kab.`/`Kabupaten`, any case."""

    def __init__(self, partners: list[dict], areas: list[tuple[str, str, str]] = ()):
        """`partners`: dicts with partner_id, code, name, short_name, and kemendagri_code and
        bps_code where the partner is a region. `areas`: (Kemendagri code, BPS code, name) of
        the kabupaten/kota of the area list that are no partner (see `outside`)."""
        self.by_key: dict[str, set[int]] = {}
        self.names = {p["partner_id"]: p["name"] for p in partners}
        self.areas: dict[str, str] = {}
        self._outside: dict[tuple, str | None] = {}  # outside()'s answers by cell value
        for code, bps_code, name in areas:
            for key in {_clean(code), _clean(bps_code or ""), name_key(name)} - {""}:
                self.areas.setdefault(key, name)
        for p in partners:
            keys = {_clean(p["code"]), name_key(p["name"]), name_key(p["short_name"])}
            if p.get("kemendagri_code") and p.get("partner_type", "pemda") == "pemda":
                keys |= {p["kemendagri_code"], p.get("bps_code") or ""}
            for key in keys - {""}:
                self.by_key.setdefault(key, set()).add(p["partner_id"])

    def find(self, raw) -> Parsed:
        if blank(raw):
            return Parsed(error="kosong; isi kode atau nama mitra, mis. 32.12 atau Kab. Indramayu")
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = str(int(raw)) if float(raw).is_integer() else str(raw)
        for key in (_clean(raw), name_key(raw)):
            found = self.by_key.get(key)
            if found and len(found) == 1:
                return Parsed(next(iter(found)))
            if found:
                names = ", ".join(sorted(self.names[i] for i in found))
                return Parsed(error=f"lebih dari satu mitra cocok ({names}); tulis kodenya")
        return Parsed(
            error="mitra tidak dikenal; tulis kode Kemendagri (32.12), kode BPS (3212) "
            "atau nama seperti di templat"
        )

    def outside(self, raw) -> str | None:
        """The name of the kabupaten/kota `raw` names when it is on the area list but no
        partner (a province's open data lists all of them), else None."""
        if not self.areas or blank(raw):
            return None
        key = (type(raw), raw)
        if key not in self._outside:
            if len(self._outside) > 10_000:  # a file of many different names: no memory
                self._outside.clear()
            self._outside[key] = None if self.find(raw).ok else self._area(raw)
        return self._outside[key]

    def _area(self, raw) -> str | None:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = str(int(raw)) if float(raw).is_integer() else str(raw)
        return self.areas.get(_clean(raw)) or self.areas.get(name_key(raw))


# Letters that change how text is drawn rather than what it says: C0 and C1 controls (tab and
# newline aside) and the bidirectional controls that can make a note read backwards
# ("U+202E") or hide what it says.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain_text(text: str) -> str:
    """`text` as it reads: without control and bidirectional-control characters."""
    return _INVISIBLE.sub("", text)
