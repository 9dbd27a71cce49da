"""Reading an uploaded CSV or XLSX into a header and numbered rows, refusing what cannot be
read with a sentence that says what to do."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from core import parse

MAX_BYTES = 20 * 2**20  # 20 MB: about 300,000 rows of CSV
# What a file may cost once unpacked, checked before anything is parsed: an XLSX is a zip,
# and a small one can inflate to gigabytes.
MAX_UNPACKED = 200 * 2**20  # all parts of an XLSX together
MAX_PART = 150 * 2**20  # one part (a sheet, the shared strings)
MAX_RATIO = 100  # unpacked ÷ packed size of a part larger than 1 MB
MAX_ROWS = 300_000
MAX_COLUMNS = 100
MAX_MERGED = 10_000  # merged ranges in a sheet
MAX_FORMULAS = 10_000  # formula cells read from their saved values
MERGED_ROWS = 30  # merged cells are spread over their range in the title and header rows
# Bytes that cp1252 leaves undefined but a DOS code page (cp850) uses for letters.
DOS_ONLY = frozenset(b"\x81\x8d\x8f\x90\x9d")


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class Sheet:
    headers: list[str]  # the first filled row
    rows: list[tuple[int, list]]  # (spreadsheet row, cells) of the filled rows below it
    formulas: list[str] = field(default_factory=list)  # cells read from their saved value


def read_table(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """read_sheet's header and rows."""
    sheet = read_sheet(name, data)
    return sheet.headers, sheet.rows


def read_sheet(name: str, data: bytes) -> Sheet:
    """The first filled row and (row number, cells) of the others, from the first sheet of a
    CSV or XLSX file; merged cells of the title and header rows spread over their range.
    A formula gives the value the spreadsheet saved with it. Refuses other types, files over
    MAX_BYTES, empty files and formulas saved without a value."""
    if len(data) > MAX_BYTES:
        raise FileProblem(
            f"Berkas {len(data) / 2**20:.1f} MB melebihi batas {MAX_BYTES // 2**20} MB; "
            f"bagi menjadi beberapa berkas."
        )
    if not data.strip():
        raise FileProblem("Berkas kosong; isi templat lalu unggah lagi.")
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    formulas: list[str] = []
    if suffix == "csv":
        rows = _csv_rows(data)
    elif suffix == "xlsx":
        rows, formulas = _xlsx_rows(data)
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


def _too_many_rows() -> FileProblem:
    rows = f"{MAX_ROWS:,}".replace(",", ".")
    return FileProblem(f"Berkas berisi lebih dari {rows} baris; bagi menjadi beberapa berkas.")


def _too_many_columns(count: int) -> FileProblem:
    return FileProblem(
        f"Berkas berisi {count} kolom, lebih dari batas {MAX_COLUMNS}; hapus kolom yang tidak "
        f"diperlukan atau pakai templat."
    )


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
            raise _too_many_rows()
        if len(row) > MAX_COLUMNS:
            raise _too_many_columns(len(row))
        rows.append(row)
    return rows


def _check_archive(archive: zipfile.ZipFile) -> None:
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


def _merged_ranges(archive: zipfile.ZipFile) -> list[tuple[int, int, int, int]]:
    """The merged ranges (top row, left column, bottom row, right column) that start in the
    rows a title or header may take, read in pieces (mergeCells sit at the end of a sheet
    that may be large); at most MAX_MERGED of them."""
    pattern = re.compile(rb'<mergeCell ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
    found, tail, seen = [], b"", set()
    with archive.open("xl/worksheets/sheet1.xml") as sheet:
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


def _xlsx_rows(data: bytes) -> tuple[list[list], list[str]]:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_archive(archive)
        merged = _merged_ranges(archive)
    except (zipfile.BadZipFile, KeyError, zipfile.LargeZipFile, OSError) as exc:
        raise FileProblem("Berkas XLSX rusak atau bukan XLSX; simpan ulang dari Excel.") from exc
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets one sentence
        raise FileProblem("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel.") from exc
    rows, formulas = [], []
    for n, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
        if n > MAX_ROWS + 1:
            book.close()
            raise _too_many_rows()
        while row and parse.blank(row[-1]):
            row = row[:-1]  # empty cells a spreadsheet keeps at the end of a row
        if len(row) > MAX_COLUMNS:
            book.close()
            raise _too_many_columns(len(row))
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
        _saved_values(data, rows, formulas)
    _fill_merged(rows, merged)
    return rows, [f"{_letter(c)}{n}" for n, c, _ in formulas]


def _saved_values(data: bytes, rows: list[list], formulas: list[tuple[int, int, str]]) -> None:
    """Put in place of each formula the value the spreadsheet saved with it (as Excel shows
    it); a formula saved without its value (written by a program, never opened in Excel) is
    refused, since its result cannot be known here."""
    from openpyxl import load_workbook

    wanted = {(n, c) for n, c, _ in formulas}
    last = max(n for n, _, _ in formulas)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    saved = {}
    for n, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
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
