"""Indonesian and English formats of money, numbers, percentages, dates and periods."""

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import fmt


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (7_900_000_000, "id", "Rp7,9 miliar"),
        (480_000_000, "id", "Rp480 juta"),
        (1_200_000_000_000, "id", "Rp1,2 triliun"),
        (2_000_000_000, "id", "Rp2 miliar"),
        (950_000, "id", "Rp950.000"),
        (999_960_000, "id", "Rp1 miliar"),
        (0, "id", "Rp0"),
        (-1_500_000_000, "id", "-Rp1,5 miliar"),
        (7_900_000_000, "en", "Rp7.9 billion"),
        (None, "id", "–"),
        (float("nan"), "id", "–"),
    ],
)
def test_rupiah_in_words(value, lang, expected):
    assert fmt.rupiah(value, lang) == expected


def test_an_empty_cell_of_a_nullable_column_is_a_dash():
    import pandas as pd

    cells = pd.Series([7_000, None], dtype="Int64")
    assert [fmt.number(v) for v in cells] == ["7.000", "–"]
    assert fmt.rupiah(pd.NA) == "–"


def test_rupiah_full_and_numbers():
    assert fmt.rupiah_full(1_500_000) == "Rp1.500.000"
    assert fmt.number(12794) == "12.794"
    assert fmt.number(12794, "en") == "12,794"
    assert fmt.number(72.456, decimals=2) == "72,46"


def test_percent_and_points_use_decimal_comma():
    assert fmt.percent(0.7271, decimals=2) == "72,71%"
    assert fmt.percent(0.5) == "50,0%"
    assert fmt.percent(float("nan")) == "–"
    assert fmt.points(0.042) == "+4,2 poin"
    assert fmt.points(-0.1, "en") == "-10.0 pts"


def test_dates_and_quarters():
    assert fmt.long_date(date(2025, 8, 17)) == "17 Agustus 2025"
    assert fmt.long_date(date(2025, 8, 17), "en") == "17 August 2025"
    assert fmt.quarter(2025, 3) == "TW III 2025"
    assert fmt.period(2025, 1) == "TW I 2025"
    assert fmt.period(2025, 4) == "TW I–IV 2025"
    assert fmt.period(2025, 2, "en") == "Q1–Q2 2025"
    assert [fmt.quarter_end(2024, q) for q in (1, 2, 3, 4)] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]


RUPIAH = re.compile(r"^-?Rp\d{1,3}(\.\d{3})*(,\d)?( (juta|miliar|triliun))?$")


@given(
    st.one_of(
        st.none(),
        st.just(float("nan")),
        st.floats(min_value=-1e15, max_value=1e15),
        st.integers(min_value=-(10**15), max_value=10**15),
    )
)
def test_rupiah_never_fails_and_has_one_shape(value):
    text = fmt.rupiah(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        assert text == "–"
    else:
        assert RUPIAH.match(text), text
        if text.endswith(("juta", "miliar")):
            assert (
                float(text.split("Rp")[1].split(" ")[0].replace(".", "").replace(",", ".")) < 1000
            )


@given(st.integers(min_value=0, max_value=10**14))
def test_rupiah_full_round_trips_to_the_integer(value):
    text = fmt.rupiah_full(value)
    assert int(text.removeprefix("Rp").replace(".", "")) == value


def test_a_moment_is_its_long_date_and_time():
    from datetime import datetime

    assert fmt.long_datetime(datetime(2026, 11, 29, 5, 46)) == "29 November 2026 05.46"
    assert fmt.long_datetime(None) == "–"


# --- rounding: a half away from zero, wherever a figure is shown -----------------------------


def _by_hand(text: str, decimals: int) -> float:
    """The rounding a person does on the written number (Decimal's HALF_UP is away from 0)."""
    return float(Decimal(text).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


@given(st.integers(-(10**9), 10**9), st.integers(0, 3), st.integers(1, 3))
def test_a_written_number_is_rounded_as_a_person_rounds_it(whole, decimals, extra):
    text = str(Decimal(whole).scaleb(-(decimals + extra)))
    expected = _by_hand(text, decimals)
    assert fmt.half_away(float(text), decimals) == expected
    series = fmt.half_away_series(pd.Series([float(text), float("nan")]), decimals)
    assert series.iloc[0] == expected and pd.isna(series.iloc[1])


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (20.05, 1, "20,1"),
        (20.049999999999997, 1, "20,1"),
        (-0.25, 1, "-0,3"),
        (2.5, 0, "3"),
        (0.125 * 100, 1, "12,5"),
        (72.65, 1, "72,7"),
    ],  # fmt: skip
)
def test_halves_are_shown_away_from_zero(value, decimals, shown):
    assert fmt.number(value, decimals=decimals) == shown
