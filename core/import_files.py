"""Reading an uploaded CSV or XLSX into a header and numbered rows, refusing what cannot be
read with a sentence that says what to do."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from core import parse

MAX_BYTES = 20 * 2**20  # 20 MB: about 300,000 rows of CSV


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


def read_table(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """Headers and (row number, cells) of the first sheet of a CSV or XLSX file. Refuses
    other types, files over MAX_BYTES, empty files, formulas and merged header cells."""
    if len(data) > MAX_BYTES:
        raise FileProblem(
            f"Berkas {len(data) / 2**20:.1f} MB melebihi batas {MAX_BYTES // 2**20} MB; "
            f"bagi menjadi beberapa berkas."
        )
    if not data.strip():
        raise FileProblem("Berkas kosong; isi templat lalu unggah lagi.")
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "csv":
        rows = _csv_rows(data)
    elif suffix == "xlsx":
        rows = _xlsx_rows(data)
    else:
        raise FileProblem(
            "Jenis berkas tidak didukung; unggah CSV atau XLSX (simpan ulang dari Excel "
            "sebagai .xlsx)."
        )
    numbered = [
        (n, cells) for n, cells in enumerate(rows, start=1) if any(_filled(c) for c in cells)
    ]
    if not numbered:
        raise FileProblem("Berkas kosong; isi templat lalu unggah lagi.")
    (_, header), body = numbered[0], numbered[1:]
    if not body:
        raise FileProblem("Berkas hanya berisi judul kolom; isi barisnya lalu unggah lagi.")
    return [str(h or "").strip() for h in header], body


def _filled(cell) -> bool:
    return not parse.blank(cell)


def _csv_rows(data: bytes) -> list[list]:
    if data[:4] == b"PK\x03\x04":
        raise FileProblem("Berkas ini XLSX yang diberi nama .csv; ganti namanya menjadi .xlsx.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        sheet = archive.read("xl/worksheets/sheet1.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise FileProblem("Berkas XLSX rusak atau bukan XLSX; simpan ulang dari Excel.") from exc
    merged = re.findall(rb'<mergeCell ref="([A-Z]+)(\d+):[A-Z]+(\d+)"', sheet)
    if any(int(top) <= 1 for _, top, _ in merged):
        raise FileProblem(
            "Judul kolom memakai sel gabungan (merge); pisahkan selnya agar setiap kolom "
            "punya satu judul seperti di templat."
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets one sentence
        raise FileProblem("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel.") from exc
    rows = []
    for n, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):
                raise FileProblem(
                    f"Sel {_letter(column)}{n} berisi rumus ({value[:30]}); salin lalu "
                    f"tempel sebagai nilai (Paste Values) sebelum mengunggah."
                )
        rows.append(list(row))
    book.close()
    return rows


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
