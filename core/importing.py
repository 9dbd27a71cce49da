"""Reading an uploaded spreadsheet into checked records: file checks, header mapping and row
validation with a report a person can act on (row, column, value, what is wrong, what would
be right). Pure: the lookups (partners, villages) come in as arguments."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from core import parse
from core.periods import Period

MAX_BYTES = 20 * 2**20  # 20 MB: about 300,000 rows of CSV
FUND_SOURCES = ("APBD", "APBN", "INSTITUSI")
TOPICS = (
    "PELUANG_KERJA",
    "MIGRASI_AMAN",
    "BAHAYA_NONPROSEDURAL",
    "PENCEGAHAN_TPPO",
    "PELATIHAN_CPMI",
)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Column:
    name: str  # header in the template
    kind: str  # parser: partner, year, quarter, source, money, count, day, village, topic, text
    explain: str  # one line for the template's explanation sheet
    example: object
    aliases: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Kind:
    key: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@dataclass(frozen=True)
class Problem:
    row: int  # spreadsheet row (the header is row 1)
    column: str
    value: str
    problem: str
    right: str = ""


@dataclass
class Checked:
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


PARTNER = Column(
    "kode_mitra",
    "partner",
    "Kode Kemendagri (32.12), kode BPS (3212), kode lembaga (UBI) atau nama mitra",
    "32.12",
    ("kode_kabupaten_kota", "kode_kab_kota", "mitra", "kabupaten_kota", "nama_mitra"),
)
YEAR = Column("tahun", "year", "Tahun anggaran, mis. 2025", 2025, ("tahun_anggaran",))
QUARTER = Column("triwulan", "quarter", "Triwulan 1–4 (boleh TW I … TW IV)", 1, ("tw",))
KINDS = {
    "anggaran": Kind(
        "anggaran",
        (
            PARTNER,
            YEAR,
            QUARTER,
            Column("sumber_dana", "source", "APBD, APBN atau INSTITUSI", "APBD"),
            Column("pagu", "money", "Pagu tahunan yang berlaku pada triwulan ini, Rupiah",
                   "Rp1.250.000.000", ("pagu_rp",)),
            Column("realisasi", "money", "Realisasi dalam triwulan ini saja, Rupiah",
                   "Rp310.000.000", ("realisasi_rp",)),
            Column("target_peserta", "count", "Target peserta pelatihan setahun, orang", 120),
        ),
        ("partner_id", "year", "quarter", "fund_source"),
    ),
    "sosialisasi": Kind(
        "sosialisasi",
        (
            PARTNER,
            YEAR,
            QUARTER,
            Column("kode_desa", "village", "Kode desa/kelurahan Kemendagri, 10 digit",
                   "32.12.01.2001", ("kode_wilayah",)),
            Column("tanggal", "day", "Tanggal kegiatan, di dalam triwulan", "15/02/2025"),
            Column("topik", "topic", "Salah satu topik pada daftar", "MIGRASI_AMAN"),
            Column("peserta_laki_laki", "count", "Peserta laki-laki, orang", 24, ("laki_laki",)),
            Column("peserta_perempuan", "count", "Peserta perempuan, orang", 27, ("perempuan",)),
            Column("penyelenggara", "text", "Penyelenggara kegiatan (paling banyak 80 huruf)",
                   "Disnaker", required=False),
        ),
        ("partner_id", "village_id", "held_on", "topic"),
    ),
    "pelatihan": Kind(
        "pelatihan",
        (
            PARTNER,
            YEAR,
            QUARTER,
            Column("program", "label", "Nama program pelatihan (paling banyak 120 huruf)",
                   "Pelatihan Caregiver", ("nama_program", "programme")),
            Column("negara_tujuan", "label", "Negara tujuan penempatan", "Taiwan", ("tujuan",)),
            Column("sektor", "label", "Sektor pekerjaan", "Perawatan"),
            Column("terdaftar", "count", "Peserta terdaftar, orang", 40),
            Column("lulus", "count", "Peserta lulus, orang", 36),
            Column("tersertifikasi", "count", "Lulusan tersertifikasi, orang", 30),
            Column("ditempatkan", "count", "Lulusan yang sudah ditempatkan, orang", 12),
            Column("biaya", "money", "Biaya angkatan ini, Rupiah", "Rp280.000.000"),
        ),
        ("partner_id", "year", "quarter", "programme"),
    ),
    "luaran": Kind(
        "luaran",
        (
            PARTNER,
            YEAR,
            Column("penempatan", "count", "PMI yang ditempatkan dari daerah/lembaga ini", 1200,
                   ("jumlah_penempatan", "penempatan_pmi", "jumlah_pmi"), required=False),
            Column("pengaduan", "count", "Pengaduan yang diterima", 8, ("jumlah_pengaduan",),
                   required=False),
            Column("nonprosedural_dicegah", "count", "Keberangkatan nonprosedural yang dicegah",
                   20, ("pmi_nonprosedural",), required=False),
            Column("purna_difasilitasi", "count", "PMI purna yang difasilitasi", 30,
                   ("pmi_purna",), required=False),
        ),
        ("partner_id", "year"),
    ),
}  # fmt: skip
OUTCOME_FIELDS = {
    "penempatan": "placements",
    "pengaduan": "complaints",
    "nonprosedural_dicegah": "nonprocedural_prevented",
    "purna_difasilitasi": "returns_facilitated",
}


def header_key(text) -> str:
    text = str(text or "").strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


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


def map_headers(kind: Kind, headers: list[str]) -> dict[str, int]:
    """Template column → position in the file; extra columns are ignored. The long shape of
    regional open data (kode_kabupaten_kota, …, one measure column, satuan, tahun) fits the
    `luaran` kind through the aliases."""
    keys = [header_key(h) for h in headers]
    found = {}
    for column in kind.columns:
        for name in (column.name, *column.aliases):
            if name in keys:
                found[column.name] = keys.index(name)
                break
    missing = [c.name for c in kind.columns if c.required and c.name not in found]
    if missing:
        raise FileProblem(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Judul kolom harus seperti di "
            f"templat: {', '.join(c.name for c in kind.columns)}."
        )
    if kind.key == "luaran" and not set(found) & set(OUTCOME_FIELDS):
        raise FileProblem(
            f"Tidak ada kolom angka luaran; tulis salah satu: {', '.join(OUTCOME_FIELDS)}."
        )
    return found


@dataclass
class Lookups:
    """What the rows are checked against."""

    partners: parse.PartnerNames
    partner_region: dict[int, int | None]  # partner_id → region_id (None: no villages)
    villages: dict[str, tuple[int, int]]  # village code (digits only) → (village_id, region_id)
    allowed_partner: int | None = None  # a partner's own account may only send its own rows


def _quarter(raw) -> parse.Parsed:
    if parse.blank(raw):
        return parse.Parsed(error="kosong; isi 1, 2, 3 atau 4")
    text = re.sub(r"^(triwulan|tw)\s*", "", str(raw).strip().lower())
    if text in ROMAN:
        return parse.Parsed(ROMAN[text])
    value = parse.count(raw if not isinstance(raw, str) else text)
    if value.ok and value.value in (1, 2, 3, 4):
        return value
    return parse.Parsed(error="triwulan harus 1, 2, 3 atau 4 (atau TW I … TW IV)")


def _year(raw) -> parse.Parsed:
    value = parse.count(raw)
    if value.ok and 2000 <= value.value <= 2100:
        return value
    return parse.Parsed(error="tahun harus empat angka antara 2000 dan 2100, mis. 2025")


def _choice(options: tuple[str, ...]):
    def read(raw) -> parse.Parsed:
        text = header_key(raw).upper()
        if text in options:
            return parse.Parsed(text)
        return parse.Parsed(error=f"harus salah satu dari: {', '.join(options)}")

    return read


def _text_up_to(limit: int, required: bool):
    def read(raw) -> parse.Parsed:
        text = "" if parse.blank(raw) else str(raw).strip()
        if required and not text:
            return parse.Parsed(error="kosong; isi teksnya")
        if len(text) > limit:
            return parse.Parsed(error=f"paling banyak {limit} huruf")
        return parse.Parsed(text)

    return read


def _village(raw) -> parse.Parsed:
    digits = re.sub(r"\D", "", str(raw or ""))
    if len(digits) != 10:
        return parse.Parsed(error="kode desa harus 10 digit, mis. 32.12.01.2001")
    return parse.Parsed(digits)


PARSERS = {
    "year": _year,
    "quarter": _quarter,
    "source": _choice(FUND_SOURCES),
    "topic": _choice(TOPICS),
    "money": parse.money,
    "count": parse.count,
    "day": parse.day,
    "text": _text_up_to(80, required=False),
    "label": _text_up_to(120, required=True),
    "village": _village,
}


def check(
    kind: Kind, headers: list[str], rows: list[tuple[int, list]], lookups: Lookups
) -> Checked:
    """Parse and check every row; a row with any problem gives no record."""
    positions = map_headers(kind, headers)
    keys = [header_key(h) for h in headers]
    note = keys.index("catatan") if "catatan" in keys else None
    out = Checked()
    seen: dict[tuple, int] = {}
    for number, cells in rows:
        if note is not None and note < len(cells) and str(cells[note] or "").startswith("CONTOH"):
            out.skipped.append(number)  # the template's example row
            continue
        values, bad = {}, False
        for name, position in positions.items():
            column = kind.column(name)
            raw = cells[position] if position < len(cells) else None
            if not column.required and parse.blank(raw):
                continue
            parser = lookups.partners.find if column.kind == "partner" else PARSERS[column.kind]
            result = parser(raw)
            if result.ok:
                values[name] = result.value
            else:
                bad = True
                out.problems.append(
                    Problem(number, name, _shown(raw), result.error, _right(column))
                )
        if bad:
            continue
        record = _record(kind, values, number, lookups, out)
        if record is None:
            continue
        key = tuple(record[k] for k in kind.natural_key)
        if key in seen:
            out.problems.append(
                Problem(number, "", "", f"baris ganda: sama dengan baris {seen[key]}",
                        "hapus salah satu baris")
            )  # fmt: skip
            continue
        seen[key] = number
        out.records.append(record)
    return out


def _shown(raw) -> str:
    return "" if parse.blank(raw) else str(raw)[:60]


def _right(column: Column) -> str:
    return f"mis. {column.example}"


def _record(kind: Kind, v: dict, number: int, lookups: Lookups, out: Checked) -> dict | None:
    def refuse(column: str, value, problem: str, right: str) -> None:
        out.problems.append(Problem(number, column, str(value), problem, right))

    partner = v["kode_mitra"]
    if lookups.allowed_partner is not None and partner != lookups.allowed_partner:
        refuse("kode_mitra", partner, "baris untuk mitra lain", "unggah data mitra Anda saja")
        return None
    if kind.key == "anggaran":
        if v["realisasi"] > v["pagu"]:
            out.warnings.append(
                Problem(
                    number,
                    "realisasi",
                    str(v["realisasi"]),
                    "realisasi triwulan melebihi pagu",
                    "periksa angkanya; jika memang benar, centang konfirmasi",
                )
            )
        return {
            "partner_id": partner, "year": v["tahun"], "quarter": v["triwulan"],
            "fund_source": v["sumber_dana"], "pagu_rp": v["pagu"],
            "realisasi_rp": v["realisasi"], "target_trainees": v["target_peserta"],
        }  # fmt: skip
    if kind.key == "sosialisasi":
        code = v["kode_desa"]
        village = lookups.villages.get(code)
        if village is None:
            refuse(
                "kode_desa", code, "kode desa tidak dikenal", "pakai kode dari daftar di templat"
            )
            return None
        if village[1] != lookups.partner_region.get(partner):
            refuse("kode_desa", code, "desa ini di luar wilayah mitra", "pakai desa wilayah mitra")
            return None
        period = Period(v["tahun"], v["triwulan"])
        if not period.start <= v["tanggal"] <= period.end:
            refuse(
                "tanggal",
                v["tanggal"].strftime("%d/%m/%Y"),
                f"tanggal di luar triwulan {v['triwulan']} tahun {v['tahun']}",
                f"antara {period.start:%d/%m/%Y} dan {period.end:%d/%m/%Y}",
            )
            return None
        return {
            "partner_id": partner, "village_id": village[0], "held_on": v["tanggal"],
            "year": v["tahun"], "quarter": v["triwulan"], "topic": v["topik"],
            "participants_male": v["peserta_laki_laki"],
            "participants_female": v["peserta_perempuan"],
            "organiser": v.get("penyelenggara", ""),
        }  # fmt: skip
    if kind.key == "pelatihan":
        if v["lulus"] > v["terdaftar"]:
            refuse("lulus", v["lulus"], "lulus lebih banyak dari terdaftar", "lulus ≤ terdaftar")
            return None
        if v["tersertifikasi"] > v["lulus"]:
            refuse("tersertifikasi", v["tersertifikasi"], "tersertifikasi lebih banyak dari lulus",
                   "tersertifikasi ≤ lulus")  # fmt: skip
            return None
        return {
            "partner_id": partner, "year": v["tahun"], "quarter": v["triwulan"],
            "programme": v["program"], "destination": v["negara_tujuan"][:40],
            "sector": v["sektor"][:40], "registered": v["terdaftar"], "graduated": v["lulus"],
            "certified": v["tersertifikasi"], "placed": v["ditempatkan"], "cost_rp": v["biaya"],
        }  # fmt: skip
    record = {"partner_id": partner, "year": v["tahun"]}
    for name, target in OUTCOME_FIELDS.items():
        if name in v:
            record[target] = v[name]
    return record
