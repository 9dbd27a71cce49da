"""Reading one sheet of an XLSX workbook as rows of cells: what it may cost checked before it
is unpacked, merged title and header cells spread over their range, formulas given the value
the spreadsheet saved with them."""

from __future__ import annotations

import html
import io
import re
import zipfile

from core.imports.file_limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    FileProblem,
    too_many_columns,
    too_many_rows,
)
from core.imports.xlsx_parts import limit_of, open_book
from core.text import parse

# What a file may cost once unpacked, checked before anything is parsed: an XLSX is a zip,
# and a small one can inflate to gigabytes.
MAX_UNPACKED = 200 * 2**20  # all parts of an XLSX together
MAX_PART = 150 * 2**20  # one part (a sheet, the shared strings)
MAX_RATIO = 100  # unpacked ÷ packed size of a part larger than 1 MB
MAX_MERGED = 10_000  # merged ranges in a sheet
MAX_FORMULAS = 10_000  # formula cells read from their saved values
MERGED_ROWS = 30  # merged cells are spread over their range in the title and header rows


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an XLSX whose parts would unpack too large, before any is read."""
    parts = archive.infolist()
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED:
        size = f"{total / 2**20:,.0f}".replace(",", ".")
        raise FileProblem(
            f"Isi berkas XLSX ini {size} MB setelah dibuka, melebihi batas "
            f"{MAX_UNPACKED // 2**20} MB; bagi datanya menjadi beberapa berkas."
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_PART or (part.file_size > 2**20 and ratio > MAX_RATIO):
            raise FileProblem(
                "Berkas XLSX ini mengembang tidak wajar saat dibuka (bagian "
                f"{part.filename[:40]}); simpan ulang dari Excel atau unggah sebagai CSV."
            )


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, its part in the archive) of the worksheets (chart sheets aside), in the
    workbook's order."""
    for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if archive.getinfo(name).file_size > limit_of(name):
            raise FileProblem(
                f"Bagian {name} dalam berkas XLSX ini terlalu besar untuk dibaca; simpan ulang "
                "dari Excel sebagai buku kerja baru, atau unggah datanya sebagai CSV."
            )
    book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    links = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", links):
        ident, target = re.search(r'Id="([^"]+)"', tag), re.search(r'Target="([^"]+)"', tag)
        if ident and target:
            path = target.group(1).lstrip("/")
            targets[ident.group(1)] = path if path.startswith("xl/") else f"xl/{path}"
    out = []
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name, ident = re.search(r'name="([^"]*)"', tag), re.search(r'r:id="([^"]+)"', tag)
        part = targets.get(ident.group(1)) if ident else None
        if name and part and part.startswith("xl/worksheets/"):
            out.append((html.unescape(name.group(1)), part))
    return out


def _merged_ranges(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges (top row, left column, bottom row, right column) that start in the
    rows a title or header may take, read in pieces (mergeCells sit at the end of a sheet
    that may be large); at most MAX_MERGED of them."""
    pattern = re.compile(rb'<mergeCell ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
    found, tail, seen = [], b"", set()
    with archive.open(part) as sheet:
        while chunk := sheet.read(2**20):
            window = tail + chunk
            for match in pattern.finditer(window):
                if match.group(0) in seen:
                    continue  # read again across two pieces
                seen.add(match.group(0))
                if len(seen) > MAX_MERGED:
                    raise FileProblem(
                        f"Lembar ini menggabungkan lebih dari {MAX_MERGED} rentang sel; "
                        "pisahkan sel gabungan atau unggah sebagai CSV."
                    )
                left, top, right, bottom = (g.decode() for g in match.groups())
                if int(top) <= MERGED_ROWS:
                    found.append((int(top), _number(left), int(bottom), _number(right)))
            tail = window[-200:]
    return found


def _fill_merged(rows: list[list], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range (in the title and header rows) the value of its
    top-left cell, as a reader sees it: a group heading stands over each of its columns."""
    for top, left, bottom, right in ranges:
        if top > len(rows) or left > len(rows[top - 1]):
            continue
        value = rows[top - 1][left - 1]
        for r in range(top, min(bottom, MERGED_ROWS, len(rows)) + 1):
            row = rows[r - 1]
            for c in range(left, min(right, MAX_COLUMNS) + 1):
                while len(row) < c:
                    row.append(None)
                if c > left or r > top:
                    row[c - 1] = value


def _number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def xlsx_rows(data: bytes, index: int = 0) -> tuple[list[list], list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_archive(archive)
        parts = sheet_parts(archive)
        if not parts:
            raise KeyError("no sheet")
        index = min(max(index, 0), len(parts) - 1)
        merged = _merged_ranges(archive, parts[index][1])
    except (zipfile.BadZipFile, KeyError, zipfile.LargeZipFile, OSError) as exc:
        raise FileProblem("Berkas XLSX rusak atau bukan XLSX; simpan ulang dari Excel.") from exc
    book = open_book(data, data_only=False)
    rows, formulas = [], []
    for n, row in enumerate(book.worksheets[index].iter_rows(values_only=True), start=1):
        if n > MAX_ROWS + 1:
            book.close()
            raise too_many_rows()
        while row and parse.blank(row[-1]):
            row = row[:-1]  # empty cells a spreadsheet keeps at the end of a row
        if len(row) > MAX_COLUMNS:
            book.close()
            raise too_many_columns(len(row))
        formulas += [
            (n, column, value)
            for column, value in enumerate(row, start=1)
            if isinstance(value, str) and value.startswith("=")
        ]
        if len(formulas) > MAX_FORMULAS:
            book.close()
            raise FileProblem(
                f"Lembar ini memuat lebih dari {MAX_FORMULAS:,} sel berumus; salin lalu tempel "
                "sebagai nilai (Paste Values) sebelum mengunggah.".replace(",", ".")
            )
        rows.append(list(row))
    book.close()
    if formulas:
        _saved_values(data, index, rows, formulas)
    _fill_merged(rows, merged)
    return rows, [f"{_letter(c)}{n}" for n, c, _ in formulas]


def _saved_values(
    data: bytes, index: int, rows: list[list], formulas: list[tuple[int, int, str]]
) -> None:
    """Put in place of each formula the value the spreadsheet saved with it (as Excel shows
    it); a formula saved without its value (written by a program, never opened in Excel) is
    refused, since its result cannot be known here."""
    wanted = {(n, c) for n, c, _ in formulas}
    last = max(n for n, _, _ in formulas)
    book = open_book(data, data_only=True)
    saved = {}
    for n, row in enumerate(book.worksheets[index].iter_rows(values_only=True), start=1):
        if n > last:
            break
        for c, value in enumerate(row, start=1):
            if (n, c) in wanted:
                saved[(n, c)] = value
    book.close()
    for n, c, formula in formulas:
        value = saved.get((n, c))
        if value is None or value == "":
            raise FileProblem(
                f"Sel {_letter(c)}{n} berisi rumus ({formula[:30]}) tanpa nilai tersimpan; buka "
                f"berkas di Excel lalu simpan, atau tempel sebagai nilai (Paste Values)."
            )
        rows[n - 1][c - 1] = value


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
