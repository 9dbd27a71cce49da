"""Checking an uploaded table's rows into records: header mapping and row validation with a
report a person can act on (row, column, value, what is wrong, what would be right). Pure:
the lookups (partners, villages) come in as arguments. Kinds live in core.import_kinds, file
reading in core.import_files."""

from __future__ import annotations

from dataclasses import dataclass, field

from core import parse
from core.cell_readers import PARSERS
from core.import_files import MAX_BYTES, FileProblem, read_sheet, read_table
from core.import_kinds import (
    FUND_SOURCES,
    KINDS,
    OUTCOME_FIELDS,
    TOPICS,
    Column,
    Kind,
    cumulative_header,
    header_key,
)
from core.periods import Period
from core.table_layout import FILE_WIDE, locate, total_label

__all__ = [
    "MAX_BYTES",
    "FileProblem",
    "read_table",
    "read_sheet",
    "KINDS",
    "TOPICS",
    "FUND_SOURCES",
]


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
    totals: list[tuple[int, str]] = field(default_factory=list)  # (row, its TOTAL word)
    header_row: int = 1  # where the column names were found
    context: list[str] = field(default_factory=list)  # title rows above them
    formulas: list[str] = field(default_factory=list)  # cells read from their saved value
    cumulative_header: bool = False  # the realisasi column says "s.d. triwulan"

    @property
    def ok(self) -> bool:
        return not self.problems


def map_headers(kind: Kind, headers: list[str], fixed: frozenset = frozenset()) -> dict[str, int]:
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
    missing = [
        c.name for c in kind.columns if c.required and c.name not in found and c.name not in fixed
    ]
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


def check(
    kind: Kind,
    headers: list[str],
    rows: list[tuple[int, list]],
    lookups: Lookups,
    fixed: dict[str, object] | None = None,
) -> Checked:
    """Find the table (title rows above the column names, a two-row header), then parse and
    check every row; a row with any problem gives no record, a TOTAL row is left out.
    `fixed`: a value for the whole file of a column it lacks (FILE_WIDE: partner, year,
    quarter), as a cell would hold it; a column the file has keeps its own cells."""
    layout = locate(headers, rows, [{c.name, *c.aliases} for c in kind.columns])
    headers, rows = layout.headers, layout.rows
    fixed = {k: v for k, v in (fixed or {}).items() if k in FILE_WIDE}
    positions = map_headers(kind, headers, frozenset(fixed))
    headers = list(headers)
    for name, value in fixed.items():
        if name not in positions:  # the file's own column wins
            positions[name] = len(headers)
            headers.append(name)
            width = len(headers) - 1
            rows = [(n, [*cells[:width], *[None] * (width - len(cells[:width])), value])
                    for n, cells in rows]  # fmt: skip
    keys = [header_key(h) for h in headers]
    note = keys.index("catatan") if "catatan" in keys else None
    out = Checked(cumulative_header=cumulative_header(keys), header_row=layout.header_row,
                  context=layout.context)  # fmt: skip
    seen: dict[tuple, int] = {}
    for number, cells in rows:
        label = total_label(cells)
        if label:
            out.totals.append((number, label))  # the file's own sum, not a partner's row
            continue
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

        def typed(name: str, cells=cells) -> str:
            position = positions.get(name)
            return _shown(cells[position]) if position is not None and position < len(cells) else ""

        record = _record(kind, values, number, lookups, out, typed)
        if record is None:
            continue
        record["_row"] = number  # for later reports about this row; never stored
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


def _record(kind: Kind, v: dict, number: int, lookups: Lookups, out: Checked, typed) -> dict | None:
    def refuse(column: str, value, problem: str, right: str) -> None:
        # The report shows what the clerk typed (`typed(column)`), never an internal id.
        shown = typed(column) or str(value)
        out.problems.append(Problem(number, column, shown, problem, right))

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
        for name in ("negara_tujuan", "sektor"):  # the database keeps 40 characters
            if len(v[name]) > 40:
                refuse(name, v[name][:60], "paling banyak 40 huruf", "singkat teksnya")
                return None
        if v["tersertifikasi"] > v["lulus"]:
            refuse("tersertifikasi", v["tersertifikasi"], "tersertifikasi lebih banyak dari lulus",
                   "tersertifikasi ≤ lulus")  # fmt: skip
            return None
        return {
            "partner_id": partner, "year": v["tahun"], "quarter": v["triwulan"],
            "programme": v["program"], "destination": v["negara_tujuan"],
            "sector": v["sektor"], "registered": v["terdaftar"], "graduated": v["lulus"],
            "certified": v["tersertifikasi"], "placed": v["ditempatkan"], "cost_rp": v["biaya"],
        }  # fmt: skip
    record = {"partner_id": partner, "year": v["tahun"]}
    for name, target in OUTCOME_FIELDS.items():
        if name in v:
            record[target] = v[name]
    return record


def lacking_file_wide(kind: Kind, headers: list[str]) -> list[str]:
    """The FILE_WIDE columns (partner, year, quarter) of `kind` that a file with these column
    names does not have: the import asks for one value each for the whole file."""
    keys = {header_key(h) for h in headers}
    return [c.name for c in kind.columns if c.name in FILE_WIDE and not keys & {c.name, *c.aliases}]
