"""Red/amber/green bands and the composite implementation index, driven by config/scoring.toml."""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from core.text.fmt import half_away_series

CONFIG_PATH = Path(__file__).resolve().parents[2] / "config" / "scoring.toml"
GROUPS = ("pemda", "lembaga_pendidikan")
BANDS = ("hijau", "kuning", "merah")


class ScoringConfigError(ValueError):
    """The scoring file is wrong; the message says where and what to fix."""


@dataclass(frozen=True)
class Indicator:
    key: str
    green: tuple[float, float, float, float]
    amber: tuple[float, float, float, float]
    weights: dict[str, float]

    def thresholds(self, quarter: int) -> tuple[float, float]:
        return self.green[quarter - 1], self.amber[quarter - 1]


@dataclass(frozen=True)
class ScoringConfig:
    indicators: tuple[Indicator, ...]
    index_green: float
    index_amber: float

    @property
    def keys(self) -> list[str]:
        return [i.key for i in self.indicators]


def _per_quarter(value, where: str) -> tuple[float, float, float, float]:
    if isinstance(value, int | float):
        return (float(value),) * 4
    if (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(v, int | float) for v in value)
    ):
        return tuple(float(v) for v in value)  # type: ignore[return-value]
    raise ScoringConfigError(f"{where}: expected a number or a list of 4 numbers, got {value!r}")


def parse_config(data: dict, source: str = "scoring.toml") -> ScoringConfig:
    """Validate a parsed scoring file; raise ScoringConfigError naming the faulty entry."""
    try:
        index = data["index"]
        index_green, index_amber = float(index["green"]), float(index["amber"])
        raw = data["indicators"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ScoringConfigError(
            f"{source}: [index] green/amber and [indicators] are required ({exc})"
        ) from exc
    indicators = []
    for key, spec in raw.items():
        where = f"{source} [indicators.{key}]"
        if not isinstance(spec, dict) or not {"green", "amber", "weight"} <= spec.keys():
            raise ScoringConfigError(f"{where}: needs green, amber and weight")
        green, amber = (
            _per_quarter(spec["green"], where + " green"),
            _per_quarter(spec["amber"], where + " amber"),
        )
        if any(a > g for a, g in zip(amber, green, strict=True)):
            raise ScoringConfigError(f"{where}: amber must not be above green")
        weights = spec["weight"]
        if not isinstance(weights, dict) or set(weights) != set(GROUPS):
            raise ScoringConfigError(
                f"{where} weight: give one weight for each of {', '.join(GROUPS)}"
            )
        if any(not isinstance(w, int | float) or w < 0 for w in weights.values()):
            raise ScoringConfigError(f"{where} weight: weights must be numbers of at least 0")
        indicators.append(Indicator(key, green, amber, {g: float(w) for g, w in weights.items()}))
    if not indicators:
        raise ScoringConfigError(f"{source}: no indicators defined")
    return ScoringConfig(tuple(indicators), index_green, index_amber)


def load_config(path: Path | None = None) -> ScoringConfig:
    """Read and validate the scoring file (`SCORING_CONFIG` overrides the default path).

    Parsed once per file version: pages ask on every rerun, the file changes rarely.
    """
    path = path or Path(os.environ.get("SCORING_CONFIG") or CONFIG_PATH)
    try:
        version = path.stat().st_mtime_ns
    except OSError as exc:
        raise ScoringConfigError(f"{path}: cannot be read ({exc.strerror})") from exc
    return _parsed(path, version)


@lru_cache(maxsize=8)
def _parsed(path: Path, version: int) -> ScoringConfig:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ScoringConfigError(f"{path.name}: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise ScoringConfigError(f"{path}: cannot be read ({exc.strerror})") from exc
    return parse_config(data, path.name)


def band(value, green: float, amber: float) -> str | None:
    """hijau | kuning | merah, or None when there is no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value >= green:
        return "hijau"
    if value >= amber:
        return "kuning"
    return "merah"


def attainment_score(value, green: float, amber: float) -> float:
    """0–100: 0 at nothing, 50 at the amber threshold, 100 at green and above; NaN if missing.

    Linear in between, so the index bands (green ≥ 80, amber ≥ 50 by default) mean the same
    as the indicator bands.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return float("nan")
    if value >= green:
        return 100.0
    if value >= amber:
        return 50.0 + 50.0 * (value - amber) / (green - amber) if green > amber else 100.0
    return 50.0 * value / amber if amber > 0 else 0.0


# Values are banded as they are shown (indicators as percentages with one decimal, the index
# with one decimal), so that a shown 50,0 never carries the band of 49,95.
SHOWN_FRACTION_DECIMALS = 3
SHOWN_INDEX_DECIMALS = 1


def scorecard(frame: pd.DataFrame, config: ScoringConfig, quarter: int) -> pd.DataFrame:
    """Add bands, scores, the composite index and the rank within each partner group.

    Needs partner_type and one column per configured indicator (fractions, NaN when missing);
    an optional has_data column (bool) leaves partners without figures of the period unscored
    and unranked. Adds band_<key> (hijau|kuning|merah|None), score_<key> (0–100), indeks
    (0–100 rounded to one decimal, NaN when the partner has no scored indicator or no data),
    band_indeks, peringkat (1 = best, among the ranked partners of its partner_type) and
    ranked_in_group (how many partners of its type are ranked).
    """
    out = frame.copy()
    weighted = pd.Series(0.0, index=out.index)
    weights = pd.Series(0.0, index=out.index)
    for ind in config.indicators:
        green, amber = ind.thresholds(quarter)
        values = out[ind.key] if ind.key in out else pd.Series(float("nan"), index=out.index)
        values = half_away_series(values, SHOWN_FRACTION_DECIMALS)
        out[f"band_{ind.key}"] = [band(v, green, amber) for v in values]
        score = values.map(lambda v, g=green, a=amber: attainment_score(v, g, a))
        out[f"score_{ind.key}"] = score
        weight = out["partner_type"].map(ind.weights).fillna(0.0).where(score.notna(), 0.0)
        weighted += score.fillna(0.0) * weight
        weights += weight
    indeks = half_away_series(weighted.div(weights.where(weights > 0)), SHOWN_INDEX_DECIMALS)
    if "has_data" in out:
        indeks = indeks.where(out["has_data"].astype(bool))
    out["indeks"] = indeks
    out["band_indeks"] = [band(v, config.index_green, config.index_amber) for v in out["indeks"]]
    out["peringkat"] = (
        out.groupby("partner_type")["indeks"].rank(ascending=False, method="min").astype("Int64")
    )
    out["ranked_in_group"] = out.groupby("partner_type")["indeks"].transform("count").astype(int)
    return out


def with_rank_change(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Add peringkat_lalu and perubahan_peringkat (positive = moved up) by partner_id. A
    rank moves only against a ranking of as many partners of its group: first of the one
    partner that has reported so far is no climb from twelfth of sixteen (NA then)."""
    sized = "ranked_in_group" in current and "ranked_in_group" in previous
    kept = ["partner_id", "peringkat", *(["ranked_in_group"] if sized else [])]
    prev = previous[kept].rename(
        columns={"peringkat": "peringkat_lalu", "ranked_in_group": "ranked_before"}
    )
    out = current.merge(prev, on="partner_id", how="left")
    moved = (out["peringkat_lalu"] - out["peringkat"]).astype("Int64")
    if not sized:
        out["perubahan_peringkat"] = moved
        return out
    out["perubahan_peringkat"] = moved.where(out["ranked_before"] == out["ranked_in_group"])
    return out.drop(columns="ranked_before")


def scored_period(
    now: pd.DataFrame, before: pd.DataFrame, config: ScoringConfig, quarter: int
) -> pd.DataFrame:
    """The scorecard of a period with each partner's rank change since the same quarter a
    year earlier (`now` and `before`: partner_indicators of all partners)."""
    previous = scorecard(before, config, quarter)
    return with_rank_change(scorecard(now, config, quarter), previous[previous["indeks"].notna()])


def chosen(frame: pd.DataFrame, partner_type=None, province=None) -> pd.DataFrame:
    """The rows of the chosen partner type and province (None: all)."""
    if partner_type:
        frame = frame[frame["partner_type"] == partner_type]
    if province:
        frame = frame[frame["province"] == province]
    return frame.reset_index(drop=True)


def league_table(
    now: pd.DataFrame,
    before: pd.DataFrame,
    config: ScoringConfig,
    quarter: int,
    partner_type=None,
    province=None,
) -> pd.DataFrame:
    """The scorecard as the pages and the briefing show it (the one builder of both): ranks
    and rank changes among all partners of a group (`now` and `before`: partner_indicators
    of all partners, this year and a year earlier), then the chosen partners' rows."""
    return chosen(scored_period(now, before, config, quarter), partner_type, province)
