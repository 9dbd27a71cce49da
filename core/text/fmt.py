"""Indonesian (and English) formatting of Rupiah, numbers, percentages, dates and periods."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
from babel.dates import format_date

LOCALES = {"id": "id_ID", "en": "en_US"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
DASH = "–"
_SCALES = {
    "id": ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")),
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
}


def _missing(value) -> bool:
    # pandas' NA (a nullable integer column's empty cell) is a singleton of its own type.
    if type(value).__name__ == "NAType":
        return True
    return value is None or (isinstance(value, float) and math.isnan(value))


_SEPARATORS = {"id": str.maketrans({",": ".", ".": ","}), "en": str.maketrans({})}


def half_away(value: float, decimals: int = 0) -> float:
    """`value` rounded to `decimals` places, a half away from zero (20,05 → 20,1; −0,25 →
    −0,3), as a person rounds; Python's and pandas' own rounding takes a half to the even
    digit (20,05 → 20,0). The binary noise of a computed value (20,049999999999997) is
    taken as what it stands for."""
    if _missing(value) or math.isinf(value):
        return value
    return _half_away(float(value), decimals)


def _half_away(value: float, decimals: int) -> float:
    scale = _SCALE[decimals] if decimals < len(_SCALE) else 10.0**decimals
    # Rounded to the millionth first: the float's own noise (20,049999999999997) is taken
    # as the number it stands for, far below any digit shown.
    scaled = round(abs(value) * scale, 6)
    return math.copysign(math.floor(scaled + 0.5) / scale, value)


_SCALE = tuple(10.0**n for n in range(10))


def half_away_series(values: pd.Series, decimals: int = 0) -> pd.Series:
    """half_away for every value of a float series (NaN stays NaN)."""
    values = values.astype("float64")
    scale = 10.0**decimals
    scaled = (values.abs() * scale).round(6)
    return np.sign(values) * np.floor(scaled + 0.5) / scale


def number(value, lang: str = "id", decimals: int = 0) -> str:
    """`12794` → `12.794`; `72.5` with one decimal → `72,5`; missing → `–`. Halves are
    rounded away from zero (fmt.half_away)."""
    if _missing(value):
        return DASH
    # Python's own grouping, with separators swapped for Indonesian: tables format thousands
    # of cells per page, and this is many times faster than a locale library per cell.
    value = float(value)
    text = f"{value if math.isinf(value) else _half_away(value, decimals):,.{decimals}f}"
    if text.startswith("-") and not any(c not in "-0.," for c in text):
        text = text[1:]  # no "-0"
    return text.translate(_SEPARATORS[lang])


def rupiah(value, lang: str = "id") -> str:
    """Large sums in words (`Rp7,9 miliar`, `Rp480 juta`), smaller ones in full (`Rp950.000`)."""
    if _missing(value):
        return DASH
    sign = "-" if value < 0 else ""
    amount = abs(value)
    for size, word in _SCALES[lang]:
        # 999,96 juta prints as "1 miliar", not "1.000 juta".
        if amount >= size * 0.9995:
            scaled = amount / size
            tenths = half_away(scaled, 1)
            decimals = 0 if scaled >= 100 or tenths == int(tenths) else 1
            return f"{sign}Rp{number(scaled, lang, decimals)} {word}"
    return f"{sign}Rp{number(amount, lang)}"


def rupiah_full(value, lang: str = "id") -> str:
    """Every digit: `Rp1.500.000`."""
    if _missing(value):
        return DASH
    return ("-" if value < 0 else "") + "Rp" + number(abs(value), lang)


def percent(fraction, lang: str = "id", decimals: int = 1) -> str:
    """A fraction as a percentage with a decimal comma: `0.7271` → `72,7%`."""
    if _missing(fraction):
        return DASH
    return number(fraction * 100, lang, decimals) + "%"


def points(value, lang: str = "id", decimals: int = 1) -> str:
    """A change in percentage points: `+4,2 poin`."""
    if _missing(value):
        return DASH
    sign = "+" if value > 0 else ""
    unit = "poin" if lang == "id" else "pts"
    return f"{sign}{number(value * 100, lang, decimals)} {unit}"


def long_date(day: date | None, lang: str = "id") -> str:
    """`17 Agustus 2025` / `17 August 2025`."""
    if day is None:
        return DASH
    return format_date(day, format="d MMMM y", locale=LOCALES[lang])


def long_datetime(moment, lang: str = "id") -> str:
    """`29 November 2026 05.46`: the long date and the time, Indonesian style."""
    if _missing(moment):
        return DASH
    return long_date(moment.date(), lang) + moment.strftime(" %H.%M")


def short_date(day: date | None, lang: str = "id") -> str:
    """`17 Agu 2025` / `17 Aug 2025`, for tables that must fit a laptop screen."""
    if day is None:
        return DASH
    return format_date(day, format="d MMM y", locale=LOCALES[lang])


def quarter_name(q: int, lang: str = "id") -> str:
    """`TW III` / `Q3`."""
    return f"TW {ROMAN[q]}" if lang == "id" else f"Q{q}"


def quarter(year: int, q: int, lang: str = "id") -> str:
    """`TW I 2025` / `Q1 2025`."""
    return f"{quarter_name(q, lang)} {year}"


def period(year: int, q: int, lang: str = "id") -> str:
    """The year to the end of a quarter: `TW I–III 2025` / `Q1–Q3 2025`."""
    if q == 1:
        return quarter(year, 1, lang)
    if lang == "id":
        return f"TW I–{ROMAN[q]} {year}"
    return f"Q1–Q{q} {year}"


def quarter_end(year: int, q: int) -> date:
    """The last day of a quarter."""
    return {
        1: date(year, 3, 31),
        2: date(year, 6, 30),
        3: date(year, 9, 30),
        4: date(year, 12, 31),
    }[q]
