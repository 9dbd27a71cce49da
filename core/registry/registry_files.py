"""Registry data as files: partners, MoUs, PKS, follow-through items and yearly targets,
one kind per file (CSV or XLSX, read by core.imports.import_files with its limits). Each cell is
read here; a row with any unreadable cell gives no record, and each problem names its row,
column and what is expected. Whether a code exists is the database's question."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from core.assessment.instrument import SCOPES
from core.figures.deliverables import STATUSES
from core.imports.import_kinds import header_key
from core.registry.registry_rules import PARTNER_TYPES
from core.text import parse

Reader = Callable[[object], parse.Parsed]


def _text(limit: int, *, required: bool = True) -> Reader:
    def read(raw) -> parse.Parsed:
        if parse.blank(raw):
            return parse.Parsed(error="kosong") if required else parse.Parsed("")
        text = " ".join(str(raw).split())
        if len(text) > limit:
            return parse.Parsed(error=f"paling banyak {limit} karakter")
        return parse.Parsed(text)

    return read


def _choice(options: tuple[str, ...]) -> Reader:
    def read(raw) -> parse.Parsed:
        text = str(raw or "").strip().lower()
        match = next((o for o in options if o.lower() == text), None)
        if match is None:
            return parse.Parsed(error=f"harus salah satu dari: {', '.join(options)}")
        return parse.Parsed(match)

    return read


def _scopes(raw) -> parse.Parsed:
    parts = [p.strip().upper() for p in re.split(r"[,;]", str(raw or "")) if p.strip()]
    unknown = [p for p in parts if p not in SCOPES]
    if not parts or unknown:
        return parse.Parsed(error=f"ruang lingkup dipisah koma, dari: {', '.join(SCOPES)}")
    return parse.Parsed(sorted(set(parts)))


def _optional(reader: Reader) -> Reader:
    def read(raw) -> parse.Parsed:
        return parse.Parsed(None) if parse.blank(raw) else reader(raw)

    return read


def _degrees(raw) -> parse.Parsed:
    text = str(raw).strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return parse.Parsed(error="angka derajat, mis. 4.31 atau -6.60")
    if value != value or abs(value) > 180:  # NaN or out of any range
        return parse.Parsed(error="angka derajat, mis. 4.31 atau -6.60")
    return parse.Parsed(value)


def _year(raw) -> parse.Parsed:
    value = parse.count(raw)
    if not value.ok or not 2000 <= value.value <= 2100:
        return parse.Parsed(error="tahun empat angka, mis. 2026")
    return value


def _amount(reader: Reader) -> Reader:
    """A target figure: empty reads as 0."""

    def read(raw) -> parse.Parsed:
        return parse.Parsed(0) if parse.blank(raw) else reader(raw)

    return read


@dataclass(frozen=True)
class Field:
    name: str  # header in the file
    key: str  # record key
    read: Reader
    example: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileKind:
    key: str
    fields: tuple[Field, ...]


PARTNER_CODE = Field("kode_mitra", "partner_code", _text(20), "71.04", ("kode",))
SIGNED = Field("tanggal_tanda_tangan", "signed_on", parse.day, "01/03/2023", ("ditandatangani",))
UNTIL = Field("berlaku_sampai", "valid_until", parse.day, "28/02/2028", ("berlaku_s_d",))

PARTNER_FILE = "mitra"  # the kind of the partner file (not a role)
KINDS = {
    PARTNER_FILE: FileKind(PARTNER_FILE, (
        PARTNER_CODE,
        Field("jenis", "partner_type", _choice(PARTNER_TYPES), "pemda", ("jenis_mitra",)),
        Field("kode_wilayah", "area_code", _text(13), "71.04", ("kode_kabupaten_kota",)),
        Field("nama", "name", _text(160), "Pemerintah Kabupaten Kepulauan Talaud",
              ("nama_resmi",)),
        Field("nama_singkat", "short_name", _text(60), "Kab. Kepulauan Talaud"),
        Field("alamat", "address", _text(300, required=False), "Jl. Raya Melonguane"),
        Field("narahubung", "contact_name", _text(120, required=False), "Kepala Bidang"),
        Field("surel", "contact_email", _text(200, required=False), "disnaker@talaudkab.go.id",
              ("email",)),
        Field("telepon", "contact_phone", _text(40, required=False), "0433 21001"),
        Field("lintang", "lat", _optional(_degrees), "4.31", ("latitude",)),
        Field("bujur", "lon", _optional(_degrees), "126.78", ("longitude",)),
    )),
    "mou": FileKind("mou", (
        PARTNER_CODE,
        Field("nomor", "number", _text(80), "NK.16/KA/2023", ("nomor_mou",)),
        SIGNED,
        UNTIL,
        Field("ruang_lingkup", "scopes", _scopes, "DIKLAT_CPMI, SOSIALISASI"),
        Field("tautan_dokumen", "document_url", _text(500, required=False),
              "https://jdih.example.go.id/nk16.pdf", ("tautan",)),
        Field("memperpanjang", "renews", _text(80, required=False), "",
              ("memperpanjang_mou",)),
    )),
    "pks": FileKind("pks", (
        Field("nomor_mou", "mou_number", _text(80), "NK.16/KA/2023"),
        Field("nomor", "number", _text(80), "PKS.16.1/2023", ("nomor_pks",)),
        Field("judul", "title", _text(200), "PKS Pendidikan dan Pelatihan CPMI"),
        Field("ruang_lingkup", "scope_code", _choice(SCOPES), "DIKLAT_CPMI"),
        SIGNED,
        UNTIL,
    )),
    "tindak_lanjut": FileKind("tindak_lanjut", (
        PARTNER_CODE,
        Field("ruang_lingkup", "scope_code", _choice(SCOPES), "PEMBERANTASAN_SINDIKAT"),
        Field("butir", "kind", _text(30), "satgas_tppo"),
        Field("status", "status", _choice(STATUSES), "selesai"),
        Field("tenggat", "due_on", parse.day, "30/06/2024"),
        Field("selesai", "completed_on", _optional(parse.day), "02/05/2024",
              ("tanggal_selesai",)),
        Field("catatan_bukti", "evidence_note", _text(1000, required=False),
              "SK Bupati 12/2024", ("catatan",)),
    )),
    "target": FileKind("target", (
        PARTNER_CODE,
        Field("tahun", "year", _year, "2026"),
        Field("target_anggaran", "budget_rp", _amount(parse.money), "1500000000",
              ("anggaran",)),
        Field("target_peserta", "trainees", _amount(parse.count), "60", ("peserta",)),
        Field("target_desa", "villages", _amount(parse.count), "40", ("desa",)),
    )),
}  # fmt: skip


@dataclass
class Read:
    """The records of a file (each with its row number under `row`), and its problems as
    (row, column, problem); a file with problems is imported not at all."""

    records: list[dict] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def read_rows(kind: FileKind, headers: list[str], rows: list[tuple[int, list]]) -> Read:
    out = Read()
    keys = [header_key(h) for h in headers]
    where: dict[str, int] = {}
    for f in kind.fields:
        for name in (f.name, *f.aliases):
            if name in keys:
                where[f.key] = keys.index(name)
                break
    # A column whose cells may be empty may be left out of the file as a whole.
    missing = [f.name for f in kind.fields if f.key not in where and not f.read(None).ok]
    if missing:
        out.problems.append((1, ", ".join(missing), "kolom ini tidak ada; pakai templat"))
        return out
    for number, cells in rows:
        record, ok = {"row": number}, True
        for f in kind.fields:
            i = where.get(f.key, len(cells))
            value = f.read(cells[i] if i < len(cells) else None)
            if value.ok:
                record[f.key] = value.value
            else:
                ok = False
                out.problems.append((number, f.name, value.error))
        if ok:
            out.records.append(record)
    return out


def template_csv(kind: FileKind) -> bytes:
    """A CSV with the kind's headers and one example row (semicolons, as Excel in Indonesia
    opens them)."""
    quote = lambda v: f'"{v}"' if any(c in v for c in ';,"') else v  # noqa: E731
    lines = [";".join(f.name for f in kind.fields), ";".join(quote(f.example) for f in kind.fields)]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")
