"""What each part of an XLSX may cost before openpyxl reads it: the parts it parses whole
(workbook, relationships, properties, drawings, the shared strings) are limited by their
unpacked size, the shared strings also by their count, and the stylesheet is cut down to the
number formats a cell's value depends on (a date is a number with a date format) before it
is parsed, so that a bloated or hostile stylesheet never becomes millions of objects."""

from __future__ import annotations

import html
import io
import re
import zipfile
from xml.sax.saxutils import quoteattr

from core.imports.file_limits import FileProblem

STYLES = "xl/styles.xml"
SHARED_STRINGS = "xl/sharedStrings.xml"
MAX_SHARED_STRINGS = 500_000  # distinct texts of a workbook (a name, a village, a note)
MAX_STYLES_PART = 20 * 2**20  # read piece by piece, only its number formats kept
MAX_CELL_FORMATS = 100_000  # Excel itself keeps at most 64,000
MAX_NUMBER_FORMATS = 2_000
MAX_FORMAT_CODE = 255  # Excel's own limit on a format's length
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Unpacked size each kind of part may have (the first pattern that matches); worksheets are
# read as a stream, row by row, and limited as a whole (core.imports.xlsx_files).
LIMITS = (
    (re.compile(r"xl/worksheets/[^/]+\.xml$"), None),
    (re.compile(re.escape(SHARED_STRINGS) + "$"), 30 * 2**20),
    (re.compile(re.escape(STYLES) + "$"), MAX_STYLES_PART),
    (re.compile(r"xl/theme/"), 5 * 2**20),  # kept as bytes, never parsed
    (re.compile(r".*"), 2 * 2**20),  # workbook, relationships, properties, drawings, charts
)


def limit_of(name: str) -> int | None:
    return next(limit for pattern, limit in LIMITS if pattern.match(name))


def _too_large(name: str) -> FileProblem:
    return FileProblem(
        f"Bagian {name[:40]} dalam berkas XLSX ini terlalu besar untuk dibaca; simpan ulang "
        "dari Excel sebagai buku kerja baru, atau unggah datanya sebagai CSV."
    )


class GuardedArchive(zipfile.ZipFile):
    """The workbook's zip as openpyxl sees it: each part checked against its limit before
    it is opened, the stylesheet cut down, the shared strings counted."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self.problem: FileProblem | None = None  # kept: openpyxl wraps what it raises
        self._styles: bytes | None = None

    def open(self, name, mode="r", pwd=None, **kwargs):
        if mode != "r":
            return super().open(name, mode, pwd, **kwargs)
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        limit = limit_of(info.filename)
        try:
            if limit is not None and info.file_size > limit:
                raise _too_large(info.filename)
            if info.filename == STYLES:
                if self._styles is None:
                    self._styles = cut_styles(super().open(info))
                return io.BytesIO(self._styles)
            if info.filename == SHARED_STRINGS:
                count_shared_strings(super().open(info))
        except FileProblem as exc:
            self.problem = exc
            raise
        return super().open(info, mode, pwd, **kwargs)


def count_shared_strings(stream) -> int:
    """How many texts the shared-string part holds, counted piece by piece; refused above
    MAX_SHARED_STRINGS."""
    pattern = re.compile(rb"<(?:\w+:)?si[\s>/]")
    count, tail = 0, b""
    with stream:
        while chunk := stream.read(2**20):
            window = tail + chunk
            count += len(pattern.findall(window))
            # A tag cut in two at the end is counted with the next piece.
            cut = window.rfind(b"<", max(len(window) - 8, 0))
            tail = window[cut:] if cut >= 0 and not pattern.match(window[cut:]) else b""
            if count > MAX_SHARED_STRINGS:
                most = f"{MAX_SHARED_STRINGS:,}".replace(",", ".")
                raise FileProblem(
                    f"Berkas XLSX ini memuat lebih dari {most} teks berbeda; bagi datanya "
                    "menjadi beberapa berkas atau unggah sebagai CSV."
                )
    return count


STYLE_TAG = re.compile(rb"<(/?)(?:\w+:)?(numFmt|xf|cellXfs)\b([^>]*)>")
NUMBER_FORMAT_ID = re.compile(rb'numFmtId\s*=\s*["\'](\d{1,9})["\']')
FORMAT_CODE = re.compile(rb'formatCode\s*=\s*"([^"]*)"|formatCode\s*=\s*\'([^\']*)\'')


def cut_styles(stream) -> bytes:
    """The stylesheet with only what a cell's value depends on: the number formats and, for
    each cell format, which number format it uses. Its tags are scanned piece by piece (a
    spreadsheet program writes them plainly): fonts, fills, borders and named styles are
    passed over, never parsed into objects."""
    formats: dict[int, str] = {}
    cell_formats: list[int] = []
    in_cell_formats, tail = False, b""
    with stream:
        while chunk := stream.read(2**20):
            window = tail + chunk
            end = window.rfind(b">") + 1  # a tag cut in two is read with the next piece
            for closing, tag, attributes in STYLE_TAG.findall(window[:end]):
                if tag == b"cellXfs":
                    in_cell_formats = not closing and not attributes.endswith(b"/")
                elif tag == b"numFmt" and not closing:
                    formats[_number_format_id(attributes)] = _format_code(attributes)
                elif tag == b"xf" and not closing and in_cell_formats:
                    cell_formats.append(_number_format_id(attributes))
            tail = window[end:]
            if len(tail) > 2**16:
                raise FileProblem(
                    "Berkas XLSX ini rusak (bagian gaya sel); simpan ulang dari Excel."
                )
            if len(cell_formats) > MAX_CELL_FORMATS or len(formats) > MAX_NUMBER_FORMATS:
                raise FileProblem(
                    "Berkas XLSX ini memuat format sel yang terlalu banyak; salin datanya ke "
                    "buku kerja baru (Tempel Nilai) atau unggah sebagai CSV."
                )
    return _stylesheet(formats, cell_formats)


def _number_format_id(attributes: bytes) -> int:
    found = NUMBER_FORMAT_ID.search(attributes)
    return int(found.group(1)) if found else 0


def _format_code(attributes: bytes) -> str:
    found = FORMAT_CODE.search(attributes)
    code = (found.group(1) or found.group(2)) if found else b""
    return html.unescape(code.decode("utf-8", "replace"))[:MAX_FORMAT_CODE]


def _stylesheet(formats: dict[int, str], cell_formats: list[int]) -> bytes:
    numbers = "".join(
        f'<numFmt numFmtId="{n}" formatCode={quoteattr(code)}/>' for n, code in formats.items()
    )
    cells = "".join(f'<xf numFmtId="{n}" applyNumberFormat="1"/>' for n in cell_formats)
    return (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="{len(formats)}">{numbers}</numFmts>'
        '<fonts count="1"><font/></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        f'<cellXfs count="{len(cell_formats) or 1}">{cells or "<xf/>"}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ).encode()


def open_book(data: bytes, *, data_only: bool):
    """The workbook read only, through the guarded archive; a part over its limit is refused
    with its own sentence."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=data_only)
    reader.archive.close()
    archive = reader.archive = GuardedArchive(data)
    reader.valid_files = archive.namelist()
    try:
        reader.read()
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets one sentence
        archive.close()
        if archive.problem is not None:
            raise archive.problem from None
        raise FileProblem("Berkas XLSX tidak dapat dibaca; simpan ulang dari Excel.") from exc
    return reader.wb
