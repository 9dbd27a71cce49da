"""No traceback reaches a user: an unreachable database, an unexpected error and downloads
that a spreadsheet could run all end as sentences or literal text."""

import io
import logging

import openpyxl
import pandas as pd
import pytest

from data_access.store.db import dispose_engines
from tests.apptest import PAGES, open_page, start, texts
from ui.frame import export

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/tidak_ada"


def test_the_sign_in_page_says_when_the_database_is_down_and_recovers(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    dispose_engines()
    at = start(None)
    assert not at.exception
    shown = texts(at)
    assert "Basis data tidak dapat dibuka" in shown and "127.0.0.1" not in shown
    monkeypatch.setenv("DATABASE_URL", database_url)
    dispose_engines()
    at = start(None)
    assert not at.exception and "Masuk" in texts(at)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_under_an_outage_shows_a_sentence(database_url, monkeypatch, page):
    at = start()
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    dispose_engines()
    at = open_page(start(), page)
    assert not at.exception
    assert "Basis data" in texts(at)


def test_an_unexpected_error_is_a_sentence_with_a_reference_in_the_log(
    database_url, monkeypatch, caplog
):
    """The first page (Ringkasan) fails to read; the frame's boundary says so in a sentence
    (AppTest runs the frame on its first run only, as a browser does on every click)."""
    from ui.frame import data

    def broken(**_):
        raise RuntimeError("C:\\\\rahasia\\\\jalur.py baris 42")

    monkeypatch.setitem(data.READS, "scorecard_inputs", broken)
    caplog.set_level(logging.ERROR, logger="pantau_mou")
    at = start()
    assert not at.exception
    shown = texts(at)
    assert "nomor rujukan" in shown and "rahasia" not in shown
    reference = shown.split("nomor rujukan ")[1].split(" ")[0].rstrip(".")
    assert any(reference in r.getMessage() for r in caplog.records)


def test_downloads_keep_formulas_and_links_as_literal_text():
    hostile = [
        '{=HYPERLINK("http://contoh.invalid","klik")}',
        "external:\\\\server\\berkas",
        "http://contoh.invalid/x",
        "=1+1",
        "@SUM(A1)",
        "|calc",
    ]
    frame = pd.DataFrame({"Teks": hostile})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, [("Tabel", "x")])))
    sheet = book["Data"]
    cells = [sheet.cell(row=n, column=1) for n in range(2, len(hostile) + 2)]
    assert all(c.data_type == "s" for c in cells)
    assert not sheet._hyperlinks
    values = [c.value for c in cells]
    assert values[0].startswith("'{") and values[3] == "'=1+1" and values[5] == "'|calc"
    assert values[2] == "http://contoh.invalid/x"  # text, not a link
    text = export.to_csv(frame).decode("utf-8-sig")
    assert "'{=HYPERLINK" in text and "\n'=1+1" in text
