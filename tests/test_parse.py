"""Parsers of typed cells: what people really write is read, anything else gets a sentence,
and no input raises."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import fmt, parse

PARTNERS = [
    {
        "partner_id": 1,
        "code": "32.12",
        "name": "Pemerintah Kabupaten Indramayu",
        "short_name": "Kab. Indramayu",
        "partner_type": "pemda",
        "kemendagri_code": "32.12",
        "bps_code": "3212",
    },
    {
        "partner_id": 10,
        "code": "35.07",
        "name": "Pemerintah Kabupaten Malang",
        "short_name": "Kab. Malang",
        "partner_type": "pemda",
        "kemendagri_code": "35.07",
        "bps_code": "3507",
    },
    {
        "partner_id": 30,
        "code": "35.73",
        "name": "Pemerintah Kota Malang",
        "short_name": "Kota Malang",
        "partner_type": "pemda",
        "kemendagri_code": "35.73",
        "bps_code": "3573",
    },
    {
        "partner_id": 17,
        "code": "UBI",
        "name": "Universitas Binaniaga Indonesia",
        "short_name": "Univ. Binaniaga",
        "partner_type": "lembaga_pendidikan",
        "kemendagri_code": "32.71",
        "bps_code": "3271",
    },
]
ANYTHING = st.one_of(
    st.none(),
    st.text(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.from_regex(r"^[Rr]p ?[0-9.,]{1,20}( (juta|miliar|ribu))?$"),
    st.from_regex(r"^[0-9]{1,2}[/ -][0-9A-Za-z]{1,9}[/ -][0-9]{2,5}$"),
)


@pytest.mark.parametrize(
    ("typed", "rupiah"),
    [
        ("Rp1.250.000", 1_250_000),
        ("Rp 1.250.000", 1_250_000),
        ("Rp1.250.000,-", 1_250_000),
        ("1.250.000,50", 1_250_001),
        ("1,25 miliar", 1_250_000_000),
        ("Rp7,9 juta", 7_900_000),
        ("480 jt", 480_000_000),
        ("1250000", 1_250_000),
        ("  1.250.000  ", 1_250_000),
        (1250000, 1_250_000),
        (1250000.0, 1_250_000),
        ("IDR 2.000", 2000),
        ("1.5", 2),
    ],
)
def test_money_as_people_type_it(typed, rupiah):
    assert parse.money(typed) == parse.Parsed(rupiah)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("-Rp500.000", "tidak boleh negatif"),
        ("(500.000)", "tidak boleh negatif"),
        ("", "kosong"),
        ("lima juta", "bukan angka"),
        ("1,5 gajah", "satuan 'gajah' tidak dikenal"),
        ("1.2.3,4,5", "bukan angka"),
        ("Rp310,000", "cara Indonesia"),
        ("12,345", "cara Indonesia"),
        ("1,250", "cara Indonesia"),
        ("1,250,000.50", "cara Indonesia"),
        ("Rp99.999.999.999.999.999", "terlalu besar"),
        (float("nan"), "kosong"),
    ],
)
def test_money_that_cannot_be_read_gets_a_sentence(typed, problem):
    result = parse.money(typed)
    assert result.value is None and problem in result.error


def test_counts_percentages_and_dates():
    assert parse.count("1.234") == parse.Parsed(1234)
    assert "bilangan bulat" in parse.count("12,5").error
    assert parse.percent("72,5%") == parse.Parsed(0.725)
    assert parse.percent("72,5") == parse.Parsed(0.725)
    assert parse.percent(0.725) == parse.Parsed(0.725)
    assert "antara 0% dan 100%" in parse.percent("130%").error
    assert parse.day("31/03/2024") == parse.Parsed(date(2024, 3, 31))
    assert parse.day("31 Maret 2024") == parse.Parsed(date(2024, 3, 31))
    assert parse.day("31 Mar 2024") == parse.Parsed(date(2024, 3, 31))
    assert parse.day("2024-03-31") == parse.Parsed(date(2024, 3, 31))
    assert parse.day(datetime(2024, 3, 31, 0, 0)) == parse.Parsed(date(2024, 3, 31))
    assert parse.day(45382) == parse.Parsed(date(2024, 3, 31))  # a spreadsheet's day number
    assert "tidak ada di kalender" in parse.day("31/02/2024").error
    assert "bukan tanggal" in parse.day("Maret 2024").error


@pytest.mark.parametrize(
    ("typed", "partner_id"),
    [
        ("Kab. Indramayu", 1),
        ("Kabupaten Indramayu", 1),
        ("INDRAMAYU", 1),
        ("3212", 1),
        (3212, 1),
        ("32.12", 1),
        (" Pemerintah Kabupaten Indramayu ", 1),
        ("kab indramayu", 1),
        ("Kota Malang", 30),
        ("Kabupaten Malang", 10),
        ("UBI", 17),
        ("ubi", 17),
        ("Universitas Binaniaga Indonesia", 17),
    ],
)
def test_partners_as_people_write_them(typed, partner_id):
    assert parse.PartnerNames(PARTNERS).find(typed) == parse.Parsed(partner_id)


def test_unknown_partner_gets_a_sentence():
    names = parse.PartnerNames(PARTNERS)
    assert "mitra tidak dikenal" in names.find("Kab. Bandung").error
    assert "kosong" in names.find("  ").error
    assert "3271" not in names.by_key  # an institution's host city code is not the institution


@given(ANYTHING)
def test_no_parser_raises(raw):
    names = parse.PartnerNames(PARTNERS)
    for parser in (parse.money, parse.count, parse.percent, parse.day, names.find):
        result = parser(raw)
        assert (result.error is None) != (result.value is None) or result.value == 0
        if result.error:
            assert isinstance(result.error, str) and result.error


@given(st.integers(min_value=0, max_value=10**14))
def test_money_round_trips_through_the_full_rupiah_format(value):
    assert parse.money(fmt.rupiah_full(value)) == parse.Parsed(value)


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_round_trip_through_the_number_format(value):
    assert parse.count(fmt.number(value)) == parse.Parsed(value)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_round_trip_through_both_written_forms(value):
    assert parse.day(value.strftime("%d/%m/%Y")) == parse.Parsed(value)
    assert parse.day(fmt.long_date(value)) == parse.Parsed(value)
