"""Where the table starts in a file people really keep: title rows above the column names, a
header over two rows (a group heading over its columns), and TOTAL or JUMLAH rows among the
data. Pure functions over the rows core.imports.import_files reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.imports.cell_readers import ROMAN
from core.imports.column_mapping import squeeze
from core.text import parse

SCAN_ROWS = 30  # the column names are looked for in the first rows only
TOTAL = re.compile(r"^(sub\s*total|grand\s*total|total|jumlah|jml)\b", re.IGNORECASE)


@dataclass
class Layout:
    """The header the file's table has, its data rows, and what stood above the header."""

    headers: list[str]
    rows: list[tuple[int, list]]
    header_row: int = 1  # the (last) spreadsheet row of the column names
    context: list[str] = field(default_factory=list)  # title rows, as text


def _text(cell) -> str:
    return "" if parse.blank(cell) else " ".join(str(cell).split())


def _line(cells: list) -> str:
    """A title row as one line: its filled cells, a merged title (spread over its range)
    once."""
    words: list[str] = []
    for text in map(_text, cells):
        if text and (not words or words[-1] != text):
            words.append(text)
    return " ".join(words)


def _score(cells: list, names: list[set[str]]) -> int:
    keys = {squeeze(c) for c in cells if not parse.blank(c)}
    return sum(1 for known in names if keys & known)


def locate(headers: list[str], rows: list[tuple[int, list]], names: list[set[str]]) -> Layout:
    """The row (or two rows combined: a lower cell under an upper one, the upper one where
    the lower is empty) among the first SCAN_ROWS that holds the most known column `names`
    (one set of accepted names per field, squeezed as column_mapping.squeeze does). The
    first row stays the header unless another names more columns."""
    table = [(1, list(headers)), *rows]
    best, top = Layout(list(headers), rows), _score(headers, names)

    def take(found: list, i: int, start: int) -> Layout:
        context = [_line(c) for _, c in table[:i]]
        return Layout(
            [_text(c) for c in found], table[start:], table[start - 1][0], [c for c in context if c]
        )

    for i, (_, cells) in enumerate(table[:SCAN_ROWS]):
        alone = _score(cells, names)
        if alone > top:
            best, top = take(cells, i, i + 1), alone
        if i + 1 < len(table):
            lower = table[i + 1][1]
            combined = [
                lower[c]
                if c < len(lower) and not parse.blank(lower[c])
                else (cells[c] if c < len(cells) else None)
                for c in range(max(len(cells), len(lower)))
            ]
            # Two rows count as one header only when together they name more than either.
            both = _score(combined, names)
            if both > max(alone, _score(lower, names), top):
                best, top = take(combined, i, i + 2), both
    return best


def total_label(cells: list) -> str | None:
    """The word that makes a row a TOTAL/JUMLAH/SUBTOTAL row (in one of its first three
    cells), upper case, or None for a data row."""
    for cell in cells[:3]:
        found = TOTAL.match(_text(cell))
        if found:
            return " ".join(found.group(1).upper().split())
    return None


FILE_WIDE = ("kode_mitra", "tahun", "triwulan")  # columns a file may leave to the title
YEAR = re.compile(r"\b(?:ta|tahun(?:\s+anggaran)?|t\.a\.?)?\s*(20\d\d)\b", re.IGNORECASE)
QUARTER = re.compile(r"\b(?:tw|triwulan|trw)\.?\s*(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)


def period_from_title(context: list[str]) -> dict[str, int]:
    """The year and quarter a file's title rows name ("Semester I / TW II TA 2026" gives
    tahun 2026, triwulan 2), as far as they name them: a suggestion, never applied unseen."""
    text = " ".join(context)
    out = {}
    year = YEAR.search(text)
    if year:
        out["tahun"] = int(year.group(1))
    quarter = QUARTER.search(text)
    if quarter:
        value = quarter.group(1).lower()
        out["triwulan"] = ROMAN.get(value) or int(value)
    return out
