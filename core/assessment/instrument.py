"""The self-assessment instrument (config/penilaian_mandiri.toml) and its scores."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

INSTRUMENT_PATH = Path(__file__).resolve().parents[2] / "config" / "penilaian_mandiri.toml"
SCOPES = (
    "PEMBERANTASAN_SINDIKAT",
    "DIKLAT_CPMI",
    "FASILITASI_PELINDUNGAN",
    "LAYANAN_PENEMPATAN",
    "SOSIALISASI",
)
LEVELS = (0, 1, 2, 3, 4)
CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,29}$")


class InstrumentError(ValueError):
    """The instrument file is wrong; the message says where and what to fix."""


@dataclass(frozen=True)
class Indicator:
    code: str
    scope: str
    name: str
    weight: float
    levels: tuple[str, ...]
    name_en: str
    levels_en: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def criterion(self, level: int, lang: str) -> str:
        texts = self.levels_en if lang == "en" and self.levels_en else self.levels
        return texts[level]


@dataclass(frozen=True)
class Instrument:
    version: str
    weak_level: int
    scope_weights: dict[str, float]
    indicators: tuple[Indicator, ...]

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.indicators]

    def by_code(self, code: str) -> Indicator:
        return next(i for i in self.indicators if i.code == code)

    def of_scope(self, scope: str) -> list[Indicator]:
        return [i for i in self.indicators if i.scope == scope]


def _texts(value, where: str, name: str, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if (
        not isinstance(value, list)
        or len(value) != len(LEVELS)
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise InstrumentError(
            f"{where}: '{name}' harus berisi 5 kriteria tertulis (tingkat 0–4), tidak boleh kosong"
        )
    return tuple(v.strip() for v in value)


def _weight(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InstrumentError(f"{where}: 'weight' harus angka lebih dari 0, tertulis {value!r}")
    return float(value)


def parse_instrument(data: dict, source: str = "penilaian_mandiri.toml") -> Instrument:
    """Validate a parsed instrument file; raise InstrumentError naming the faulty entry."""
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise InstrumentError(f"{source}: 'version' wajib diisi (teks, mis. \"2025.1\")")
    weak = data.get("weak_level", 2)
    if weak not in LEVELS or isinstance(weak, bool):
        raise InstrumentError(f"{source}: 'weak_level' harus bilangan 0–4, tertulis {weak!r}")
    scopes = data.get("scope")
    if not isinstance(scopes, list) or not scopes:
        raise InstrumentError(f"{source}: tidak ada [[scope]]; tuliskan kelima ruang lingkup")
    weights: dict[str, float] = {}
    indicators: list[Indicator] = []
    for n, scope in enumerate(scopes, start=1):
        code = scope.get("code") if isinstance(scope, dict) else None
        where = f"{source}, [[scope]] ke-{n} ({code or 'tanpa kode'})"
        if code not in SCOPES:
            raise InstrumentError(
                f"{where}: kode ruang lingkup tidak dikenal; pilih salah satu: {', '.join(SCOPES)}"
            )
        if code in weights:
            raise InstrumentError(f"{where}: ruang lingkup ini sudah ditulis sebelumnya")
        weights[code] = _weight(scope.get("weight"), where)
        items = scope.get("indicator")
        if not isinstance(items, list) or not items:
            raise InstrumentError(f"{where}: belum ada [[scope.indicator]]")
        for k, item in enumerate(items, start=1):
            icode = item.get("code") if isinstance(item, dict) else None
            at = f"{where}, indikator ke-{k} ({icode or 'tanpa kode'})"
            if not isinstance(icode, str) or not CODE.match(icode):
                raise InstrumentError(
                    f"{at}: 'code' harus huruf besar, angka atau _ (mis. \"PS1\"), "
                    f"paling panjang 30"
                )
            if any(i.code == icode for i in indicators):
                raise InstrumentError(f"{at}: kode indikator {icode} dipakai dua kali")
            name = item.get("name")
            if not isinstance(name, str) or not name.strip():
                raise InstrumentError(f"{at}: 'name' wajib diisi")
            indicators.append(
                Indicator(
                    code=icode,
                    scope=code,
                    name=name.strip(),
                    weight=_weight(item.get("weight"), at),
                    levels=_texts(item.get("levels"), at, "levels", True),
                    name_en=str(item.get("name_en", "")).strip(),
                    levels_en=_texts(item.get("levels_en"), at, "levels_en", False),
                )
            )
    missing = [s for s in SCOPES if s not in weights]
    if missing:
        raise InstrumentError(f"{source}: ruang lingkup belum ditulis: {', '.join(missing)}")
    return Instrument(version.strip(), weak, weights, tuple(indicators))


def instrument_path() -> Path:
    return Path(os.environ.get("ASSESSMENT_CONFIG") or INSTRUMENT_PATH)


@lru_cache(maxsize=8)
def _parsed(path: str, mtime: float) -> Instrument:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise InstrumentError(f"{path}: berkas instrumen tidak ditemukan") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"{Path(path).name}: bukan TOML yang sah ({exc})") from exc
    return parse_instrument(data, Path(path).name)


def load_instrument() -> Instrument:
    """The instrument in force (ASSESSMENT_CONFIG or config/penilaian_mandiri.toml), parsed
    once per file version."""
    path = instrument_path()
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _parsed(str(path), mtime)
