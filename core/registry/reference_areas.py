"""The official list of administrative areas (Kemendagri codes: province, kabupaten/kota,
kecamatan, desa/kelurahan) read from a file and checked against the list already loaded.

A code's structure says its level and its parent: `32` a province, `32.12` a kabupaten/kota,
`32.12.01` a kecamatan, `32.12.01.2001` a desa (4th part starting with 2) or kelurahan (1).
BPS codes are the same digits without dots where both are known (`3212` for 32.12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.imports.import_files import FileProblem

LEVELS = {1: "provinsi", 2: "kabupaten_kota", 3: "kecamatan", 4: "desa"}
CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
BPS_DIGITS = {"provinsi": 2, "kabupaten_kota": 4, "kecamatan": 7, "desa": 10}
HEADERS = {
    "code": ("kode", "kode_wilayah", "kode_kemendagri", "kode_wil"),
    "name": ("nama", "nama_wilayah", "wilayah"),
    "bps_code": ("kode_bps", "bps"),
}
MAX_NAME = 120


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: str  # provinsi | kabupaten_kota | kecamatan | desa
    parent: str | None
    bps_code: str | None


@dataclass
class AreaCheck:
    """What a file would change: `areas` to load, `problems` (line, sentence) that stop the
    load, and against the loaded list the codes `renamed` (code, old, new) and `removed`
    (code, name) within the provinces the file covers."""

    areas: list[Area] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    added: int = 0


def level_of(code: str) -> str | None:
    """The level a well-formed code stands for, None for anything else."""
    if not CODE.match(code):
        return None
    return LEVELS[code.count(".") + 1]


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def village_kind(code: str) -> str:
    """desa | kelurahan, from the first digit of a village code's last part."""
    return "kelurahan" if code.rsplit(".", 1)[-1].startswith("1") else "desa"


def municipality_kind(name: str) -> str:
    """kota | kabupaten, from how the list names it (KOTA …, KAB. …, KABUPATEN …)."""
    return "kota" if name.strip().upper().startswith("KOTA") else "kabupaten"


def bps_of(code: str) -> str:
    """The BPS digits a Kemendagri code corresponds to (the dots removed)."""
    return code.replace(".", "")


def _header_map(headers: list[str]) -> dict[str, int]:
    normal = [re.sub(r"[^a-z0-9]+", "_", h.strip().lower()).strip("_") for h in headers]
    found = {}
    for name, synonyms in HEADERS.items():
        for index, header in enumerate(normal):
            if header in synonyms:
                found[name] = index
                break
    return found


def _text(cells: list, index: int | None) -> str:
    if index is None or index >= len(cells) or cells[index] is None:
        return ""
    value = cells[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def check_areas(
    headers: list[str], rows: list[tuple[int, list]], loaded: dict[str, str]
) -> AreaCheck:
    """Check every row of an area list; `loaded` maps the codes already loaded to names.
    Raises FileProblem when the header holds no code or name column."""
    out = AreaCheck()
    columns = _header_map(headers)
    missing = [h for h in ("code", "name") if h not in columns]
    if missing:  # not an area list at all: the file is refused as a whole
        wanted = " dan ".join(f"'{HEADERS[h][0]}'" for h in missing)
        raise FileProblem(
            f"Kolom {wanted} tidak ada: ini bukan daftar wilayah. Baris judul harus memuat "
            "kode dan nama wilayah (mis. kode, nama, kode_bps)."
        )
    seen: dict[str, int] = {}
    for number, cells in rows:
        area, problem = _area_of(cells, columns, seen, number)
        if problem:
            out.problems.append((number, problem))
        elif area:
            out.areas.append(area)
    known = set(seen) | set(loaded)
    for area in out.areas:
        if area.parent and area.parent not in known:
            out.problems.append(
                (
                    seen[area.code],
                    f"Induk {area.parent} dari {area.code} tidak ada di berkas maupun di "
                    "daftar yang sudah dimuat.",
                )
            )
    for area in out.areas:
        old = loaded.get(area.code)
        if old is None:
            out.added += 1
        elif old != area.name:
            out.renamed.append((area.code, old, area.name))
    provinces = {a.code[:2] for a in out.areas}
    out.removed = sorted(
        (code, name) for code, name in loaded.items() if code[:2] in provinces and code not in seen
    )
    out.problems.sort()
    return out


def _area_of(cells: list, columns: dict, seen: dict[str, int], number: int):
    """(the row's area, None) or (None, what is wrong with it); `seen` gains its code."""
    code = _text(cells, columns["code"])
    name = _text(cells, columns["name"])
    bps = _text(cells, columns.get("bps_code"))
    level = level_of(code)
    if level is None:
        return None, f"Kode '{code[:20]}' tidak berbentuk xx, xx.xx, xx.xx.xx atau xx.xx.xx.xxxx."
    if code in seen:
        return None, f"Kode {code} sudah ada di baris {seen[code]}."
    seen[code] = number
    if not name or len(name) > MAX_NAME:
        return None, f"Nama wilayah {code} wajib diisi, paling banyak {MAX_NAME} karakter."
    if bps and (not bps.isdigit() or len(bps) != BPS_DIGITS[level]):
        return None, f"Kode BPS '{bps[:20]}' untuk {code} harus {BPS_DIGITS[level]} angka."
    return Area(code, name, level, parent_of(code), bps or None), None
