"""Which column of an uploaded file holds which field of an import kind: suggested from the
synonym lists of config/kolom_impor.toml (case, spaces and punctuation ignored), or from a
mapping used before for the same partner and kind; the import page lets a person change it.
Pure: the remembered mappings come in as arguments."""

from __future__ import annotations

import os
import re
import tomllib
from functools import cache
from pathlib import Path

from core.imports.file_limits import FileProblem
from core.imports.import_kinds import CUMULATIVE_HEADERS, OUTCOME_FIELDS, Kind

SYNONYMS_PATH = Path(__file__).resolve().parents[2] / "config" / "kolom_impor.toml"
SHARED = "semua"


class MappingProblem(ValueError):
    """The mapping cannot be used; the message says what to choose."""


def squeeze(text) -> str:
    """A column name as the mapping compares it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", str(text or "").lower())


@cache
def _config(path: str) -> dict:
    """The synonyms file, or FileProblem with a sentence that names what is wrong in it."""
    name = Path(path).name
    try:
        with open(path, "rb") as handle:
            config = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FileProblem(
            f"Daftar nama kolom impor ({name}) tidak dapat dibaca: {exc}. Minta admin "
            "memperbaikinya."
        ) from exc
    for section, fields in config.items():
        lists = isinstance(fields, dict) and all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in fields.values()
        )
        if not lists:
            raise FileProblem(
                f"Daftar nama kolom impor ({name}): bagian [{section}] harus berisi daftar "
                'nama kolom per isian, mis. pagu = ["Pagu", "Alokasi"]. Minta admin '
                "memperbaikinya."
            )
    return config


def synonyms(kind: Kind) -> dict[str, tuple[str, ...]]:
    """Field → the squeezed names that mean it, best first: the template's name, then the
    kind's list (or the shared list) from the synonyms file."""
    config = _config(os.environ.get("IMPORT_COLUMNS_CONFIG") or str(SYNONYMS_PATH))
    own, shared = config.get(kind.key, {}), config.get(SHARED, {})
    out = {}
    for column in kind.columns:
        names = [column.name, *own.get(column.name, shared.get(column.name, []))]
        out[column.name] = tuple(dict.fromkeys(squeeze(n) for n in names if squeeze(n)))
    return out


def known_names(kind: Kind) -> list[set[str]]:
    """One set of squeezed names per field: what makes a row look like the header."""
    return [set(names) for names in synonyms(kind).values()]


def suggest(kind: Kind, headers: list[str], remembered: dict[str, str] | None = None) -> dict:
    """Field → position of the file column that fits it. A remembered mapping (field → the
    column name used before) comes first where the file has that name; then, over all
    fields, the closest synonyms first (a field whose list names a column earlier takes it);
    a column serves one field, the leftmost of equal names first."""
    keys = [squeeze(h) for h in headers]
    lists = synonyms(kind)
    found: dict[str, int] = {}
    taken: set[int] = set()
    for name, header in (remembered or {}).items():
        key = squeeze(header)
        if name in lists and key and key in keys and keys.index(key) not in taken:
            found[name] = keys.index(key)
            taken.add(found[name])
    order = {c.name: n for n, c in enumerate(kind.columns)}
    candidates = sorted(
        (rank, order[name], position, name)
        for name, names in lists.items()
        if name not in found
        for rank, known in enumerate(names)
        for position, key in enumerate(keys)
        if key == known
    )
    for _, _, position, name in candidates:
        if name not in found and position not in taken:
            found[name] = position
            taken.add(position)
    return dict(sorted(found.items(), key=lambda item: order[item[0]]))


def missing(kind: Kind, mapping: dict, supplied=()) -> list[str]:
    """Required fields with no column and no value for the whole file."""
    return [
        c.name
        for c in kind.columns
        if c.required and mapping.get(c.name) is None and c.name not in supplied
    ]


def validate(kind: Kind, mapping: dict, headers: list[str], supplied=()) -> dict[str, int]:
    """The mapping without unset fields, or MappingProblem: a required field without a
    column, one column for two fields, a position the file does not have, an outcome file
    without any outcome column."""
    chosen = {name: p for name, p in mapping.items() if p is not None}
    unknown = set(chosen) - {c.name for c in kind.columns}
    if unknown or any(not 0 <= p < len(headers) for p in chosen.values()):
        raise MappingProblem("Pemetaan kolom tidak cocok dengan berkas ini; pilih ulang kolomnya.")
    lacking = missing(kind, chosen, supplied)
    if lacking:
        raise MappingProblem(
            f"Kolom wajib tidak ditemukan: {', '.join(lacking)}. Pilih kolom berkas untuk "
            f"masing-masing, atau ubah judul kolomnya seperti di templat: "
            f"{', '.join(c.name for c in kind.columns)}."
        )
    twice = sorted({p for p in chosen.values() if list(chosen.values()).count(p) > 1})
    if twice:
        names = ", ".join(headers[p] or f"kolom {p + 1}" for p in twice)
        raise MappingProblem(f"Satu kolom berkas dipakai untuk dua isian ({names}); pilih satu.")
    if kind.key == "luaran" and not set(chosen) & set(OUTCOME_FIELDS):
        raise MappingProblem(
            f"Tidak ada kolom angka luaran; tulis salah satu: {', '.join(OUTCOME_FIELDS)}."
        )
    return chosen


def ignored(headers: list[str], mapping: dict) -> list[str]:
    """The file's named columns that no field takes, as the file names them."""
    used = {p for p in mapping.values() if p is not None}
    return [h for n, h in enumerate(headers) if n not in used and squeeze(h)]


def as_names(headers: list[str], mapping: dict) -> dict[str, str]:
    """The mapping as field → the file's column name, as it is remembered."""
    return {
        name: headers[p] for name, p in mapping.items() if p is not None and squeeze(headers[p])
    }


def best_remembered(kind: Kind, headers: list[str], candidates: list[dict[str, str]]) -> dict:
    """Of the mappings used before, the one that finds the most of its columns in this file
    (none when it finds none)."""
    keys = {squeeze(h) for h in headers}
    scored = [(sum(squeeze(v) in keys for v in c.values()), n) for n, c in enumerate(candidates)]
    best = max(scored, default=(0, -1))
    return candidates[best[1]] if best[0] else {}


def cumulative(headers: list[str], mapping: dict) -> bool:
    """Whether the column taken for realisasi says it is cumulative through the quarter
    ("Realisasi s.d. Triwulan")."""
    position = mapping.get("realisasi")
    if position is None:
        return False
    return squeeze(headers[position]) in {squeeze(h) for h in CUMULATIVE_HEADERS}
