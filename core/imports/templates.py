"""XLSX templates for each import kind: the Data sheet (headers, one example row, dropdown
lists for codes), the lists themselves, and a sheet that explains every column."""

from __future__ import annotations

import io

import xlsxwriter

from core.imports.importing import FUND_SOURCES, KINDS, TOPICS

EXAMPLE_MARK = "CONTOH"  # a row whose `catatan` starts with this is skipped on import
NOTE_COLUMN = "catatan"


def template(
    kind_key: str,
    *,
    partners: list[tuple[str, str]],
    villages: list[tuple[str, str, str]],
    demo: bool,
) -> bytes:
    """The template of `kind_key`. `partners`: (code, name) the user may report for;
    `villages`: (code, name, partner code) of those partners (for socialization)."""
    kind = KINDS[kind_key]
    buffer = io.BytesIO()
    # Names are text whatever they start with: never a formula, an array formula or a link.
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#DDE7F3", "border": 1})
    example = book.add_format({"italic": True, "font_color": "#666666"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    data = book.add_worksheet("Data")
    lists = book.add_worksheet("Kode")
    guide = book.add_worksheet("Petunjuk")

    ranges = _code_lists(lists, bold, partners, villages)
    _data_sheet(data, kind, partners, villages, ranges, bold, example)
    _guide_sheet(guide, kind, demo, bold, wrap)
    book.close()
    return buffer.getvalue()


def _code_lists(lists, bold, partners: list, villages: list) -> dict[str, str]:
    """The Kode sheet: partners, villages, fund sources and topics; the ranges that the Data
    sheet's dropdowns take their values from, by column kind."""
    lists.write_row(
        0,
        0,
        [
            "kode_mitra",
            "nama_mitra",
            "kode_desa",
            "nama_desa",
            "mitra_desa",
            "sumber_dana",
            "topik",
        ],
        bold,
    )
    for n, (code, name) in enumerate(partners, start=1):
        lists.write_row(n, 0, [code, name])
    for n, village in enumerate(villages, start=1):
        lists.write_row(n, 2, list(village))
    for n, value in enumerate(FUND_SOURCES, start=1):
        lists.write(n, 5, value)
    for n, value in enumerate(TOPICS, start=1):
        lists.write(n, 6, value)
    lists.set_column(0, 6, 22)
    ranges = {
        "partner": f"=Kode!$A$2:$A${len(partners) + 1}",
        "village": f"=Kode!$C$2:$C${max(len(villages), 1) + 1}",
        "source": f"=Kode!$F$2:$F${len(FUND_SOURCES) + 1}",
        "topic": f"=Kode!$G$2:$G${len(TOPICS) + 1}",
    }
    return ranges


def _data_sheet(data, kind, partners: list, villages: list, ranges: dict, bold, example) -> None:
    """The Data sheet: the column names, one example row, a dropdown where a list exists."""
    headers = [c.name for c in kind.columns] + [NOTE_COLUMN]
    data.write_row(0, 0, headers, bold)
    sample = []
    for column in kind.columns:
        if column.kind == "partner" and partners:
            sample.append(partners[0][0])
        elif column.kind in ("village", "villages") and villages:
            sample.append(villages[0][0])
        else:
            sample.append(column.example)
    data.write_row(1, 0, [*sample, f"{EXAMPLE_MARK} – hapus baris ini"], example)
    for n, column in enumerate(kind.columns):
        if column.kind in ranges and (column.kind != "village" or villages):
            data.data_validation(
                1,
                n,
                100_000,
                n,
                {"validate": "list", "source": ranges[column.kind], "error_type": "warning"},
            )
        data.set_column(n, n, max(14, len(column.name) + 2))
    data.set_column(len(kind.columns), len(kind.columns), 28)
    data.freeze_panes(1, 0)


def _guide_sheet(guide, kind, demo: bool, bold, wrap) -> None:
    """The Petunjuk sheet: how to fill the Data sheet, and what each column holds."""
    guide.set_column(0, 0, 24)
    guide.set_column(1, 1, 90, wrap)
    lines = [
        ("Petunjuk", f"Templat impor '{kind.key}'. Isi sheet Data mulai baris 3; hapus baris "
                     "contoh (baris 2). Satu baris untuk satu data. Jangan menggabungkan sel "
                     "judul dan jangan memakai rumus: tempel sebagai nilai."),
        ("Angka", "Rupiah boleh ditulis Rp1.250.000, 1.250.000 atau 1,25 miliar; tanggal "
                  "31/03/2025 atau 31 Maret 2025; kode mitra 32.12, 3212 atau nama mitra."),
    ]  # fmt: skip
    if demo:
        lines.append(("Data contoh", "Aplikasi berisi data contoh (ilustratif)."))
    for n, (title, text) in enumerate(lines):
        guide.write(n, 0, title, bold)
        guide.write(n, 1, text)
    start = len(lines) + 1
    guide.write_row(start, 0, ["kolom", "isi"], bold)
    for n, column in enumerate(kind.columns, start=start + 1):
        required = "wajib" if column.required else "boleh kosong"
        guide.write(n, 0, column.name)
        guide.write(n, 1, f"{column.explain} ({required}). Contoh: {column.example}")
    guide.write(start + len(kind.columns) + 1, 0, NOTE_COLUMN)
    guide.write(start + len(kind.columns) + 1, 1, "Catatan bebas; tidak diimpor.")
