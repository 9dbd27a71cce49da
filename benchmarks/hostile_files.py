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


CASES = {
    "inflating.xlsx": (inflating_xlsx, "anggaran", "setelah dibuka, melebihi batas 200 MB"),
    "dense.xlsx": (dense_part_xlsx, "anggaran", "mengembang tidak wajar"),
    "million.csv": (million_rows_csv, "anggaran", "lebih dari 300.000 baris"),
    "wide.csv": (wide_csv, "anggaran", "500 kolom"),
    "english.csv": (english_money_csv, "anggaran", "cara Indonesia"),
    "long.csv": (long_text_csv, "pelatihan", "paling banyak 40 huruf"),
}
READABLE = {
    "utf16.csv": (utf16_csv, "anggaran"),
    "utf16_no_mark.csv": (utf16_without_mark_csv, "anggaran"),
    "cp850.csv": (cp850_csv, "anggaran"),
    "cp1252.csv": (cp1252_csv, "anggaran"),
}
