"""What a verifier weighs before deciding on a quarterly report: its totals beside the
partner's previous quarter and the same quarter a year earlier, and the points to look at."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

# The measures compared, in the order shown; serapan is compared in points, the rest in %.
MEASURES = ("pagu_rp", "realisasi_rp", "serapan", "registered", "graduated", "events",
            "participants", "villages")  # fmt: skip
# Measures whose jump against an earlier quarter is flagged (pagu moves by decree, serapan
# has its own check).
WATCHED = ("realisasi_rp", "graduated", "events", "participants")


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


# The row count that tells whether a quarter holds a measure's kind at all.
HELD_BY = {"pagu_rp": "budget_rows", "realisasi_rp": "budget_rows", "serapan": "budget_rows",
           "registered": "cohorts", "graduated": "cohorts", "events": "events",
           "participants": "events", "villages": "events"}  # fmt: skip


def _value(totals: pd.DataFrame, year: int, quarter: int, measure: str) -> float:
    """A measure of one quarter; NaN where the quarter holds no row of the measure's kind
    (nothing reported is not zero)."""
    row = totals[(totals["year"] == year) & (totals["quarter"] == quarter)]
    if row.empty or row[HELD_BY[measure]].iloc[0] == 0:
        return math.nan
    if measure == "serapan":
        if row["pagu_rp"].iloc[0] <= 0:
            return math.nan
        spent = totals[(totals["year"] == year) & (totals["quarter"] <= quarter)]
        return spent["realisasi_rp"].sum() / row["pagu_rp"].iloc[0]
    return float(row[measure].iloc[0])


def _change(now: float, before: float, measure: str) -> float:
    """The difference for serapan (a fraction), the relative change for the rest; NaN where
    there is nothing to compare."""
    if math.isnan(now) or math.isnan(before):
        return math.nan
    if measure == "serapan":
        return now - before
    return math.nan if before == 0 else (now - before) / before


def comparison(totals: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """One row per measure: the report's quarter beside the two it is compared with.

    `totals`: the frame of data_access.reporting.report_figures.report_totals. Returns measure: str;
    current, previous (the quarter before), previous_change, last_year (the same quarter a
    year earlier), last_year_change: float (NaN where a quarter holds no row of the
    measure's kind, or a change has no base). Serapan is realisasi through the quarter ÷
    the quarter's pagu, and its changes are differences of those fractions; the other
    changes are relative (0.25 = +25%).
    """
    before = previous_quarter(year, quarter)
    rows = []
    for measure in MEASURES:
        now = _value(totals, year, quarter, measure)
        prev = _value(totals, *before, measure)
        last = _value(totals, year - 1, quarter, measure)
        rows.append(
            {
                "measure": measure,
                "current": now,
                "previous": prev,
                "previous_change": _change(now, prev, measure),
                "last_year": last,
                "last_year_change": _change(now, last, measure),
            }
        )
    return pd.DataFrame(rows)


def flags(
    compared: pd.DataFrame,
    held: dict[str, int],
    *,
    ratio: float,
    due: date,
    submitted: date | None,
) -> list[dict]:
    """The points a verifier should look at, each {'flag': name, ...values}.

    `compared`: the frame of `comparison`; `held`: row counts of the report per kind
    ({'budget', 'training', 'socialization'}); `ratio`: the outlier ratio of the reporting
    rules; `due`, `submitted`: the report's deadline and the day it was sent (None if not yet).
    Flags: 'empty' (kind), 'over_ceiling' (serapan), 'jump' (measure, basis 'previous' or
    'last_year', factor: how many times larger or smaller), 'late' (days).
    """
    out = [{"flag": "empty", "kind": kind} for kind, n in held.items() if n == 0]
    by = compared.set_index("measure")
    serapan = by.loc["serapan", "current"]
    if not math.isnan(serapan) and serapan > 1:
        out.append({"flag": "over_ceiling", "serapan": serapan})
    for measure in WATCHED:
        now = by.loc[measure, "current"]
        for basis in ("previous", "last_year"):
            then = by.loc[measure, basis]
            if math.isnan(now) or math.isnan(then) or now <= 0 or then <= 0:
                continue
            factor = max(now / then, then / now)
            if factor >= ratio:
                out.append(
                    {
                        "flag": "jump",
                        "measure": measure,
                        "basis": basis,
                        "factor": factor,
                        "up": now > then,
                    }
                )
    if submitted is not None and submitted > due:
        out.append({"flag": "late", "days": (submitted - due).days})
    return out
