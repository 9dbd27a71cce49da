"""Both catalogs hold the same keys, and every key the code asks for exists."""

import re
import string
from pathlib import Path

import pytest

from core.text import i18n

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *ROOT.glob("pages/*.py"),
    *ROOT.glob("ui/**/*.py"),
    *ROOT.glob("core/**/*.py"),
    ROOT / "dashboard.py",
]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z_]+)["']""")


def test_catalogs_have_equal_keys():
    assert set(i18n.catalog("id")) == set(i18n.catalog("en"))


def test_placeholders_agree_between_languages():
    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key, text in i18n.catalog("id").items():
        assert fields(text) == fields(i18n.catalog("en")[key]), key


def test_every_literal_key_used_in_code_exists():
    used = {m for path in SOURCES for m in LITERAL_KEY.findall(path.read_text())}
    assert used, "the scan found no keys"
    missing = sorted(used - set(i18n.catalog("id")))
    assert missing == []


@pytest.mark.parametrize(
    "prefix,values",
    [
        (
            "scope",
            [
                "PEMBERANTASAN_SINDIKAT",
                "DIKLAT_CPMI",
                "FASILITASI_PELINDUNGAN",
                "LAYANAN_PENEMPATAN",
                "SOSIALISASI",
            ],
        ),
        ("mou_status", ["aktif", "akan_berakhir", "berakhir", "diperpanjang"]),
        ("band", ["hijau", "kuning", "merah"]),
        ("partner_type", ["pemda", "lembaga_pendidikan"]),
    ],
)
def test_every_code_value_has_a_label(prefix, values):
    for value in values:
        assert i18n.t(f"{prefix}.{value}")


def test_codes_in_the_demo_data_have_labels():
    from tests.oracle import csv

    catalog = i18n.catalog("id")
    for kind in set(csv("deliverables")["kind"]):
        assert f"deliverable.{kind}" in catalog
    for topic in set(csv("socialization_events")["topic"]):
        assert f"topic.{topic}" in catalog


def test_unknown_language_falls_back_to_indonesian():
    assert i18n.t("nav.ringkasan", "fr") == "Ringkasan"
    assert i18n.t("common.period", "en", period="Q1 2025") == "Period: Q1 2025"


def test_every_audited_action_has_words_on_the_audit_page():
    written = {
        m
        for path in ROOT.glob("data_access/**/*.py")
        for m in re.findall(r'\baction="([a-z_]+)"', path.read_text())
        if m != "store_true"  # argparse, not an audit row
    }
    assert {"create", "change_password"} <= written
    missing = sorted(a for a in written if f"audit_action.{a}" not in i18n.catalog("id"))
    assert missing == []
