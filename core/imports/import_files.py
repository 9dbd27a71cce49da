"""Reading an uploaded CSV or XLSX into a header and numbered rows, refusing what cannot be
read with a sentence that says what to do."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from core.imports.file_limits import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    FileProblem,
    too_many_columns,
    too_many_rows,
)
from core.imports.xlsx_files import check_archive, sheet_parts, xlsx_rows
from core.text import fmt, parse

__all__ = ["MAX_BYTES", "FileProblem", "Sheet", "decode", "read_sheet", "read_table", "sheet_names"]

# Bytes that cp1252 leaves undefined but a DOS code page (cp850) uses for letters.
DOS_ONLY = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass
class Sheet:
    headers: list[str]  # the first filled row
    rows: list[tuple[int, list]]  # (spreadsheet row, cells) of the filled rows below it
    formulas: list[str] = field(default_factory=list)  # cells read from their saved value


def read_table(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """read_sheet's header and rows."""
    sheet = read_sheet(name, data)
    return sheet.headers, sheet.rows


def sheet_names(name: str, data: bytes) -> list[str]:
    """The sheets of an XLSX workbook in their order (a CSV has one, unnamed: [])."""
    if not name.lower().endswith(".xlsx") or len(data) > MAX_BYTES:
        return []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_archive(archive)
        return [sheet for sheet, _ in sheet_parts(archive)]
    except (zipfile.BadZipFile, KeyError, zipfile.LargeZipFile, OSError):
        return []  # read_sheet says what is wrong with the file


def read_sheet(name: str, data: bytes, sheet: int = 0) -> Sheet:
    """The first filled row and (row number, cells) of the others, from one sheet (by its
    position; the first by default) of a CSV or XLSX file; merged cells of the title and
    header rows spread over their range. A formula gives the value the spreadsheet saved
    with it. Refuses other types, files over MAX_BYTES, empty files and formulas saved
    without a value."""
    if len(data) > MAX_BYTES:
        raise FileProblem(
            f"Berkas {fmt.number(len(data) / 2**20, decimals=1)} MB melebihi batas "
            f"{MAX_BYTES // 2**20} MB; "
            f"bagi menjadi beberapa berkas."
        )
    if not data.strip():
        raise FileProblem("Berkas kosong; isi templat lalu unggah lagi.")
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    formulas: list[str] = []
    if suffix == "csv":
        rows = _csv_rows(data)
    elif suffix == "xlsx":
        rows, formulas = xlsx_rows(data, sheet)
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
    return Sheet([str(h or "").strip() for h in header], body, formulas)


def _filled(cell) -> bool:
    return not parse.blank(cell)


def _looks_dos(data: bytes) -> bool:
    """Whether 8-bit text is from a DOS code page rather than Windows: bytes cp1252 leaves
    undefined, or a byte of 0x80–0x9F inside a word (a letter in cp850, punctuation in
    cp1252; the curly apostrophes 0x91/0x92 aside)."""
    return bool(DOS_ONLY & set(data)) or bool(
        re.search(rb"[A-Za-z][\x80-\x90\x93-\x9f][A-Za-z]", data)
    )


def decode(data: bytes) -> str:
    """The text of a CSV: UTF-8 (with or without BOM), UTF-16 (with or without BOM), or an
    old Windows (cp1252) or DOS (cp850) code page."""
    try:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16")
        head = data[:4000]
        if head.count(0) > len(head) // 4:  # UTF-16 without its byte-order mark
            even, odd = head[0::2].count(0), head[1::2].count(0)
            return data.decode("utf-16-be" if even > odd else "utf-16-le")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            "Berkas CSV ini tidak dapat dibaca sebagai teks UTF-16; simpan ulang dari Excel "
            "sebagai 'CSV UTF-8'."
        ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp850" if _looks_dos(data) else "cp1252", errors="strict")
    controls = sum(1 for c in text[:4000] if ord(c) < 32 and c not in "\r\n\t")
    if controls > 10:
        raise FileProblem(
            "Berkas ini bukan teks CSV; unggah CSV dari Excel ('CSV UTF-8') atau XLSX."
        )
    return text


def _csv_rows(data: bytes) -> list[list]:
    if data[:4] == b"PK\x03\x04":
        raise FileProblem("Berkas ini XLSX yang diberi nama .csv; ganti namanya menjadi .xlsx.")
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        raise FileProblem(
            "Pengodean huruf berkas ini tidak dikenal; simpan ulang dari Excel sebagai 'CSV UTF-8'."
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if len(rows) >= MAX_ROWS + 1:  # the header and MAX_ROWS rows
            raise too_many_rows()
        if len(row) > MAX_COLUMNS:
            raise too_many_columns(len(row))
        rows.append(row)
    return rows
