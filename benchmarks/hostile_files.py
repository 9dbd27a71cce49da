"""A corpus of hostile and awkward files, made here (never downloaded): each one is a test
case of the import and a row of `python -m benchmarks.hostile`."""

from __future__ import annotations

import io
import zipfile

HEADER = "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
ROW = "32.12,2025,1,APBD,Rp1.000.000,Rp100.000,5\n"


def _xlsx_with_sheet(sheet_xml_chunks, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal workbook whose first sheet is written from the chunks (streamed, so a
    sheet of hundreds of megabytes never sits in memory here)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for chunk in sheet_xml_chunks:
                sheet.write(chunk)
        for name, body in (extra or {}).items():
            book.writestr(name, body)
    return buffer.getvalue()


def _workbook() -> bytes:
    """A real workbook of the budget kind (one row), as a spreadsheet program writes it."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Anggaran")
    money = book.add_format({"num_format": "#,##0"})
    for n, line in enumerate((HEADER + ROW).splitlines()):
        for c, value in enumerate(line.split(",")):
            if n and c in (4, 5):
                sheet.write_number(n, c, int(value[2:].replace(".", "")), money)
            elif n and c in (1, 2, 6):
                sheet.write_number(n, c, int(value))
            else:
                sheet.write_string(n, c, value)
    book.close()
    return buffer.getvalue()


def _with_part(data: bytes, name: str, chunks) -> bytes:
    """`data` with its part `name` written anew from the chunks (streamed)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for info in source.infolist():
            if info.filename != name:
                book.writestr(info.filename, source.read(info.filename))
        with book.open(name, "w", force_zip64=True) as part:
            for chunk in chunks:
                part.write(chunk)
    return buffer.getvalue()


def _styles(fonts: int, cell_formats: int):
    """A stylesheet bloated as years of copy and paste bloat one: many fonts and cell
    formats (the last cell formats keep the workbook's own: general, and a money format)."""
    yield (
        b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxml'
        b'formats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" '
        b'formatCode="#,##0"/></numFmts><fonts count="%d">' % fonts
    )
    # Sizes and colours vary, so the part packs about as well as a real one (not a
    # thousand-fold, which the archive check refuses at once).
    font = '<font><b/><sz val="{}"/><color rgb="FF{:06X}"/><name val="Calibri"/></font>'
    for start in range(0, fonts, 10_000):
        yield "".join(
            font.format(8 + n % 30, (n * 2_654_435_761) % 2**24)
            for n in range(start, min(start + 10_000, fonts))
        ).encode()
    yield (
        b'</fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        b'<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        b'<cellXfs count="%d"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0" '
        b'applyNumberFormat="1"/>' % cell_formats
    )
    xf = '<xf numFmtId="0" fontId="{}" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    for start in range(0, cell_formats - 2, 10_000):
        yield "".join(
            xf.format((n * 7_919) % fonts)
            for n in range(start, min(start + 10_000, cell_formats - 2))
        ).encode()
    yield b"</cellXfs></styleSheet>"


def bloated_styles_xlsx(fonts: int = 200_000, cell_formats: int = 60_000) -> bytes:
    """About 20 MB of stylesheet in a quarter of a megabyte: read as a workbook is read."""
    return _with_part(_workbook(), "xl/styles.xml", _styles(fonts, cell_formats))


def huge_styles_xlsx() -> bytes:
    """About 145 MB of stylesheet."""
    return bloated_styles_xlsx(fonts=1_900_000, cell_formats=60_000)


def many_strings_xlsx(count: int = 6_400_000) -> bytes:
    """A workbook's shared strings followed by millions of one-letter texts."""
    book = zipfile.ZipFile(io.BytesIO(_workbook()))
    own = book.read("xl/sharedStrings.xml")
    head, tail = own.rsplit(b"</sst>", 1)

    def chunks():
        yield head
        for start in range(0, count, 100_000):
            yield "".join(
                f"<si><t>{n:x}</t></si>" for n in range(start, min(start + 100_000, count))
            ).encode()
        yield b"</sst>" + tail

    return _with_part(_workbook(), "xl/sharedStrings.xml", chunks())


def inflating_xlsx(megabytes: int = 260) -> bytes:
    """A few hundred kilobytes that unpack to `megabytes` of sheet."""
    blank = b" " * 2**20
    return _xlsx_with_sheet([b"<worksheet><sheetData>"] + [blank] * megabytes)


def dense_part_xlsx() -> bytes:
    """A part that is small unpacked (8 MB) but compressed a thousand-fold."""
    return _xlsx_with_sheet([b"<worksheet>"] + [b"\x20" * 2**20] * 8)


def million_rows_csv() -> bytes:
    return (HEADER + ROW * 1_000_000).encode()[: 19 * 2**20]


def wide_csv() -> bytes:
    header = ",".join(f"kolom_{n}" for n in range(500)) + "\n"
    return (header + ",".join("1" for _ in range(500)) + "\n").encode()


def utf16_csv() -> bytes:
    return (HEADER + ROW).encode("utf-16")


def utf16_without_mark_csv() -> bytes:
    return (HEADER + ROW).encode("utf-16-le")


def cp1252_csv() -> bytes:
    """An old Windows file: curly quotes in a column the import ignores."""
    text = HEADER.rstrip("\n") + ",keterangan\n" + ROW.rstrip("\n") + ",\u201cdari DPA\u201d\n"
    return text.encode("cp1252")


def cp850_csv() -> bytes:
    """A DOS file: letters only DOS code pages place where cp1252 has none."""
    text = HEADER.rstrip("\n") + ",keterangan\n" + ROW.rstrip("\n") + ",Société Übersee\n"
    return text.encode("cp850")


def english_money_csv() -> bytes:
    return (HEADER + '32.12,2025,1,APBD,"Rp310,000","Rp12,345",5\n').encode()


def long_text_csv() -> bytes:
    header = (
        "kode_mitra,tahun,triwulan,program,negara_tujuan,sektor,terdaftar,lulus,"
        "tersertifikasi,ditempatkan,biaya\n"
    )
    far = "Negara " * 8  # 56 letters: a label, but more than a country column keeps
    return (header + f"32.12,2025,1,Program A,{far},Perawatan,10,8,6,2,Rp1.000.000\n").encode()


def bloated_workbook_part_xlsx() -> bytes:
    """A workbook part of 3 MB (thousands of defined names left behind by copying sheets)."""
    book = zipfile.ZipFile(io.BytesIO(_workbook()))
    head, tail = book.read("xl/workbook.xml").rsplit(b"</workbook>", 1)
    names = "".join(
        f'<definedName name="_n{n}">Anggaran!$A${n % 999 + 1}</definedName>' for n in range(60_000)
    ).encode()
    body = head + b"<definedNames>" + names + b"</definedNames></workbook>" + tail
    return _with_part(_workbook(), "xl/workbook.xml", [body])


CASES = {
    "inflating.xlsx": (inflating_xlsx, "anggaran", "setelah dibuka, melebihi batas 200 MB"),
    "dense.xlsx": (dense_part_xlsx, "anggaran", "mengembang tidak wajar"),
    "million.csv": (million_rows_csv, "anggaran", "lebih dari 300.000 baris"),
    "wide.csv": (wide_csv, "anggaran", "500 kolom"),
    "english.csv": (english_money_csv, "anggaran", "cara Indonesia"),
    "long.csv": (long_text_csv, "pelatihan", "paling banyak 40 huruf"),
    "styles_145mb.xlsx": (huge_styles_xlsx, "anggaran", "xl/styles.xml dalam berkas XLSX ini"),
    "strings_6m.xlsx": (many_strings_xlsx, "anggaran", "xl/sharedStrings.xml dalam berkas"),
    "strings_600k.xlsx": (lambda: many_strings_xlsx(600_000), "anggaran", "500.000 teks"),
    "names.xlsx": (bloated_workbook_part_xlsx, "anggaran", "xl/workbook.xml dalam berkas"),
}
# Files that are read, and read right, yet may cost no more than a refusal.
HEAVY = {
    "styles_20mb.xlsx": (bloated_styles_xlsx, "anggaran"),
}
READABLE = {
    "utf16.csv": (utf16_csv, "anggaran"),
    "utf16_no_mark.csv": (utf16_without_mark_csv, "anggaran"),
    "cp850.csv": (cp850_csv, "anggaran"),
    "cp1252.csv": (cp1252_csv, "anggaran"),
}


def bad_rows_csv(rows: int = 299_000) -> bytes:
    """About 6.6 MB of budget rows, every one for a partner that does not exist."""
    return (HEADER + "99.99,2025,1,APBD,1000,100,5\n" * rows).encode()
