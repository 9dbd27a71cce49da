"""Hostile and awkward files: each is refused with its sentence before it can cost much, with
nothing written, or read correctly when it is only old-fashioned."""

import os

import pytest

from benchmarks import hostile_files
from core.imports.import_files import FileProblem, read_table
from core.imports.importing import KINDS, check
from data_access.imports import imports
from data_access.store import audit
from tests import measured
from tests.viewers import ADMIN


def refusal(name: str, data: bytes, kind: str) -> str:
    """The sentence a file gets, from reading or from checking its rows."""
    try:
        headers, rows = read_table(name, data)
    except FileProblem as exc:
        return str(exc)
    result = check(KINDS[kind], headers, rows, imports.lookups(viewer=ADMIN))
    assert result.problems, f"{name} was accepted"
    return " ".join(p.problem for p in result.problems)


@pytest.mark.parametrize("name", sorted(hostile_files.CASES))
def test_hostile_files_get_their_sentence_and_write_nothing(database_url, name):
    make, kind, sentence = hostile_files.CASES[name]
    assert sentence in refusal(name, make(), kind)
    assert audit.audit_entries(viewer=ADMIN, action="import").empty


@pytest.mark.parametrize("name", sorted(hostile_files.READABLE))
def test_old_encodings_are_read(database_url, name):
    make, kind = hostile_files.READABLE[name]
    headers, rows = read_table(name, make())
    result = check(KINDS[kind], headers, rows, imports.lookups(viewer=ADMIN))
    assert result.ok and len(result.records) == 1, result.problems
    assert result.records[0]["pagu_rp"] == 1_000_000


MEASURE = """
import json, sys, time
from benchmarks import hostile_files
from core.imports.import_files import FileProblem, read_table
name = sys.argv[1]
data = {**hostile_files.CASES, **hostile_files.HEAVY}[name][0]()
base = peak()
started = time.perf_counter()
try:
    read_table(name, data)
    outcome = "read"
except FileProblem as exc:
    outcome = str(exc)
print(json.dumps({"base": base, "peak": peak(), "seconds": time.perf_counter() - started,
                  "outcome": outcome}))
"""


@pytest.mark.parametrize(
    "name", ["inflating.xlsx", "million.csv", "styles_145mb.xlsx", "strings_6m.xlsx",
             "strings_600k.xlsx", "styles_20mb.xlsx"],
)  # fmt: skip
def test_a_hostile_file_costs_little_memory_and_time(name):
    figures = measured.run(MEASURE, name)
    assert (figures["outcome"] == "read") == (name in hostile_files.HEAVY), figures
    assert figures["peak"] - figures["base"] < 300, figures
    assert figures["seconds"] < 5, figures


def test_a_bloated_stylesheet_is_read_and_read_right(database_url):
    """20 MB of fonts and cell formats: only the number formats are kept, and the money
    cell (a custom number format) and the plain ones read as they were written."""
    headers, rows = read_table("gaya.xlsx", hostile_files.bloated_styles_xlsx())
    result = check(KINDS["anggaran"], headers, rows, imports.lookups(viewer=ADMIN))
    assert result.ok and result.records[0]["pagu_rp"] == 1_000_000
    assert result.records[0]["realisasi_rp"] == 100_000


def test_dates_keep_their_date_formats_through_the_cut_stylesheet():
    import datetime as dt
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    day = dt.datetime(2025, 8, 17)
    sheet.write_row(0, 0, ["tanggal", "hari", "jumlah"])
    sheet.write_datetime(1, 0, day, book.add_format({"num_format": "d mmmm yyyy"}))
    sheet.write_datetime(1, 1, day, book.add_format({"num_format": 14}))  # built in
    sheet.write_number(1, 2, 45, book.add_format({"num_format": "#,##0"}))
    book.close()
    _, rows = read_table("tanggal.xlsx", buffer.getvalue())
    assert rows == [(2, [day, day, 45])]


NOISE = os.urandom(3 * 2**19).hex().encode()  # 3 MB that packs no better than a real part


@pytest.mark.parametrize(
    ("part", "body", "sentence"),
    [
        ("xl/workbook.xml", b"<workbook><!--" + NOISE + b"--></workbook>",
         "xl/workbook.xml dalam berkas XLSX ini terlalu besar"),
        ("docProps/core.xml", b"<x><!--" + NOISE + b"--></x>",
         "docProps/core.xml dalam berkas XLSX ini terlalu besar"),
        ("xl/styles.xml", b"<styleSheet><numFmts>" + b"".join(
            b'<numFmt numFmtId="%d" formatCode="0"/>' % n for n in range(3000)
        ) + b"</numFmts></styleSheet>", "format sel yang terlalu banyak"),
    ],
    ids=["workbook", "properties", "number_formats"],
)  # fmt: skip
def test_every_part_read_whole_has_its_limit(part, body, sentence):
    with pytest.raises(FileProblem, match=sentence):
        read_table("bagian.xlsx", hostile_files._with_part(hostile_files._workbook(), part, [body]))


def test_dos_letters_are_read_as_dos_and_windows_quotes_as_windows():
    from core.imports.import_files import decode

    assert decode(hostile_files.cp850_csv()).endswith("Société Übersee\n")
    assert decode(hostile_files.cp1252_csv()).endswith("\u201cdari DPA\u201d\n")


def test_the_server_refuses_an_upload_over_the_import_limit_before_buffering_it():
    import tomllib

    from core.imports.file_limits import MAX_BYTES

    config = tomllib.loads((measured.ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_BYTES


def test_the_size_of_a_file_too_large_is_written_the_indonesian_way():
    with pytest.raises(FileProblem, match=r"Berkas 150,0 MB melebihi batas 20 MB"):
        read_table("besar.csv", b"a" * (150 * 2**20))
