"""How complete and how timely the partners' reports are, and which figures look out of line
with a partner's own history: pure functions over the frames of data_access.figures.completeness."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd

from core.figures.periods import Period

RULES_PATH = Path(__file__).resolve().parents[2] / "config" / "pelaporan.toml"
KINDS = ("budget", "training", "socialization")


class RulesError(ValueError):
    """The reporting rules file is wrong; the message says where."""


@dataclass(frozen=True)
class Rules:
    due_days: int
    outlier_ratio: float
    min_history: int
    peer_ratio: float
    default_min_share: float = 0.75

    def due(self, year: int, quarter: int) -> date:
        return Period(year, quarter).end + timedelta(days=self.due_days)


def parse_rules(data: dict, source: str = "pelaporan.toml") -> Rules:
    def number(name, kind, low):
        value = data.get(name)
        if isinstance(value, bool) or not isinstance(value, kind) or value < low:
            raise RulesError(f"{source}: '{name}' harus angka ≥ {low}, tertulis {value!r}")
        return value

    return Rules(
        due_days=number("due_days", int, 0),
        outlier_ratio=float(number("outlier_ratio", int | float, 1)),
        min_history=number("min_history", int, 1),
        peer_ratio=float(number("peer_ratio", int | float, 1)),
        default_min_share=_share(data.get("default_min_share", 0.75), source),
    )


def _share(value, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise RulesError(
            f"{source}: 'default_min_share' harus angka di atas 0 sampai 1, tertulis {value!r}"
        )
    return float(value)


@lru_cache(maxsize=4)
def _parsed(path: str, mtime: float) -> Rules:
    try:
        with open(path, "rb") as handle:
            return parse_rules(tomllib.load(handle), Path(path).name)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{Path(path).name}: tidak dapat dibaca ({exc})") from exc


def load_rules() -> Rules:
    """REPORTING_CONFIG or config/pelaporan.toml, parsed once per file version."""
    path = Path(os.environ.get("REPORTING_CONFIG") or RULES_PATH)
    return _parsed(str(path), path.stat().st_mtime if path.exists() else 0.0)


def grid(quarters: pd.DataFrame, rules: Rules, today: date) -> pd.DataFrame:
    """One row per partner and quarter with its state.

    `quarters`: partner_id, short_name, partner_type, quarter, status (None where no report
    row exists), submitted_at, and budget, training, socialization (row counts), for one
    `year` column. Adds: state ('approved' | 'submitted' | 'returned' | 'draft' | 'agency' for
    data the agency entered | 'missing' | 'not_due'), timely ('on_time' | 'late' | 'open' | None),
    kinds (how many of the three data kinds hold rows) and complete (kinds / 3).
    """
    out = quarters.copy()
    due = [rules.due(int(y), int(q)) for y, q in zip(out["year"], out["quarter"], strict=True)]
    has_data = out[list(KINDS)].sum(axis=1) > 0
    states, timely = [], []
    for status, sent, data, deadline in zip(
        out["status"], out["submitted_at"], has_data, due, strict=True
    ):
        if isinstance(status, str):
            state = status
        elif data:
            state = "agency"
        else:
            state = "not_due" if today <= deadline else "missing"
        states.append(state)
        if state in ("submitted", "approved") and pd.notna(sent):
            timely.append("on_time" if pd.Timestamp(sent).date() <= deadline else "late")
        elif state in ("draft", "returned", "missing"):
            timely.append("open" if today <= deadline else "late")
        else:
            timely.append(None)
    out["due_on"] = due
    out["state"] = states
    out["timely"] = timely
    out["kinds"] = (out[list(KINDS)] > 0).sum(axis=1)
    out["complete"] = out["kinds"] / len(KINDS)
    return out


def outliers(history: pd.DataFrame, year: int, rules: Rules) -> pd.DataFrame:
    """Figures of `year` far from the partner's own median of the same quarter in other years
    (basis 'own'), or else far from the median of the partners of its kind in that quarter
    (basis 'peers').

    `history`: partner_id, short_name, partner_type, year, quarter, measure, value (all
    years). Returns the flagged rows of `year` with basis, median (the one compared with),
    ratio (value ÷ median) and years (other years behind an 'own' median, else peers).
    """
    columns = ["partner_id", "short_name", "quarter", "measure", "value", "basis", "median",
               "ratio", "years"]  # fmt: skip
    now = history[(history["year"] == year) & (history["value"] > 0)]
    past = history[(history["year"] != year) & (history["value"] > 0)]
    own = past.groupby(["partner_id", "quarter", "measure"])["value"].agg(["median", "count"])
    own = own.rename(columns={"count": "years"}).reset_index()
    rows = now.merge(own, on=["partner_id", "quarter", "measure"], how="left")
    # The median of the partners of the same kind in that quarter (the partner among them).
    group = ["partner_type", "quarter", "measure"]
    peer_median = now.groupby(group)["value"].transform("median").reindex(now.index)
    peer_count = now.groupby(group)["value"].transform("count").reindex(now.index) - 1
    keyed = now.assign(peer_median=peer_median, peer_count=peer_count)
    rows = rows.merge(
        keyed[["partner_id", "quarter", "measure", "peer_median", "peer_count"]],
        on=["partner_id", "quarter", "measure"],
    )
    ratio = rows["value"] / rows["median"]
    known = rows["years"].fillna(0) >= rules.min_history
    far_own = known & ((ratio >= rules.outlier_ratio) | (ratio <= 1 / rules.outlier_ratio))
    peer_median = rows["peer_median"].where(rows["peer_count"] >= rules.min_history)
    peer_ratio = rows["value"] / peer_median
    far_peers = peer_median.notna() & (
        (peer_ratio >= rules.peer_ratio) | (peer_ratio <= 1 / rules.peer_ratio)
    )
    out = rows.assign(
        basis=["own" if o else "peers" for o in far_own],
        median=rows["median"].where(far_own, peer_median),
        ratio=ratio.where(far_own, peer_ratio),
        years=rows["years"].where(far_own, rows["peer_count"]),
    )[far_own | far_peers]
    return out[columns].sort_values(["partner_id", "quarter", "measure"]).reset_index(drop=True)
