"""Expected results computed straight from the demo CSVs with pandas: an independent path to
the same answers that the SQL read functions give."""

from __future__ import annotations

from functools import cache

import pandas as pd

from tests.conftest import SEED_DIR

KEYS = ["partner_id", "code", "short_name", "partner_type", "province"]


@cache
def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(
        SEED_DIR / f"{name}.csv",
        dtype={
            "code": str,
            "partner_code": str,
            "region_code": str,
            "kemendagri_code": str,
            "bps_code": str,
            "village_code": str,
        },
    )


def partners() -> pd.DataFrame:
    p = csv("partners").copy()
    p["partner_id"] = range(1, len(p) + 1)
    regions = csv("regions").rename(columns={"kemendagri_code": "region_code"})
    return p.merge(regions[["region_code", "province"]], on="region_code")[KEYS]


def _attach(values: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = partners().merge(values, left_on="code", right_index=True, how="left")
    out[columns] = out[columns].fillna(0).astype("int64")
    return out[KEYS + columns].sort_values("partner_id").reset_index(drop=True)


def budget_by_partner(year: int, quarter: int) -> pd.DataFrame:
    b = csv("training_budgets")
    b = b[(b["year"] == year) & (b["quarter"] <= quarter)]
    last = b.groupby(["partner_code", "fund_source"])["quarter"].transform("max")
    ceiling = b[b["quarter"] == last].groupby("partner_code")[["pagu_rp", "target_trainees"]].sum()
    spent = b.groupby("partner_code")["realisasi_rp"].sum()
    reported = b[b["quarter"] == quarter].groupby("partner_code").size().gt(0).astype(int)
    values = ceiling.join(spent, how="outer").join(reported.rename("reported"), how="outer")
    columns = ["pagu_rp", "realisasi_rp", "target_trainees", "reported"]
    out = _attach(values[columns], columns)
    out["reported"] = out["reported"].astype(bool)
    s = csv("submissions")
    waiting = s[(s["year"] == year) & (s["quarter"] == quarter) & (s["status"] == "submitted")]
    out["awaiting_approval"] = out["code"].isin(set(waiting["partner_code"]))
    return out


def training_by_partner(year: int, quarter: int) -> pd.DataFrame:
    c = csv("training_cohorts")
    c = c[(c["year"] == year) & (c["quarter"] <= quarter)]
    columns = ["registered", "graduated", "certified", "placed", "cost_rp"]
    return _attach(c.groupby("partner_code")[columns].sum(), columns)


def events() -> pd.DataFrame:
    e = csv("socialization_events").copy()
    held = pd.to_datetime(e["held_on"])
    e["year"], e["quarter"] = held.dt.year, (held.dt.month - 1) // 3 + 1
    return e


def coverage_by_partner(year: int, quarter: int) -> pd.DataFrame:
    e, v = events(), csv("villages")
    p = partners().merge(csv("partners")[["code", "region_code"]], on="code")
    totals = v.groupby("region_code").agg(
        villages_total=("code", "size"), pmi_total=("pmi_count", "sum")
    )
    upto = e[e["year"] * 4 + e["quarter"] <= year * 4 + quarter]
    reached = upto.drop_duplicates(["partner_code", "village_code"]).merge(
        v[["code", "pmi_count"]], left_on="village_code", right_on="code", suffixes=("", "_v")
    )
    cumulative = reached.groupby("partner_code").agg(
        reached_cumulative=("village_code", "size"), reached_cumulative_pmi=("pmi_count", "sum")
    )
    period = e[(e["year"] == year) & (e["quarter"] <= quarter)]
    in_period = period.groupby("partner_code").agg(
        reached_period=("village_code", "nunique"),
        events=("village_code", "size"),
        participants_male=("participants_male", "sum"),
        participants_female=("participants_female", "sum"),
    )
    values = p.set_index("code")[["region_code", "partner_type"]].join(totals, on="region_code")
    values.loc[values["partner_type"] != "pemda", ["villages_total", "pmi_total"]] = 0
    values = values.join(cumulative).join(in_period)
    values["villages_unlisted"] = 0  # the demo data counts every quarter per event
    columns = [
        "villages_total",
        "pmi_total",
        "reached_period",
        "reached_cumulative",
        "reached_cumulative_pmi",
        "events",
        "participants_male",
        "participants_female",
        "villages_unlisted",
    ]
    return _attach(values[columns], columns)


def outcomes(year: int) -> pd.DataFrame:
    o = csv("partner_outcomes")
    return o[o["year"] == year].set_index("partner_code")


def held_back(verified_only: bool) -> set[tuple[str, int, int]]:
    """(partner_code, year, quarter) whose figures a mode leaves out: demo reports are
    approved or submitted, and approved-only leaves the submitted ones out."""
    s = csv("submissions")
    statuses = {"draft", "returned", "submitted"} if verified_only else {"draft", "returned"}
    s = s[s["status"].isin(statuses)]
    return set(zip(s["partner_code"], s["year"], s["quarter"], strict=True))


def shown_rows(name: str, verified_only: bool) -> pd.DataFrame:
    """Rows of a fact CSV with partner_code, year and quarter that a mode counts."""
    rows = csv(name)
    hidden = held_back(verified_only)
    keep = [
        (c, y, q) not in hidden
        for c, y, q in zip(rows["partner_code"], rows["year"], rows["quarter"], strict=True)
    ]
    return rows[keep]


def budget_trend(verified_only: bool = False) -> pd.DataFrame:
    """Per year and quarter: pagu in force (each partner's and source's latest reported
    quarter so far in the year), realisasi in the quarter and through it, partners reported."""
    b = shown_rows("training_budgets", verified_only)
    out = []
    for year in sorted(b["year"].unique()):
        rows = b[b["year"] == year]
        for q in range(1, int(rows["quarter"].max()) + 1):
            upto = rows[rows["quarter"] <= q]
            pagu = 0
            for _, part in upto.groupby(["partner_code", "fund_source"]):
                pagu += int(part.loc[part["quarter"] == part["quarter"].max(), "pagu_rp"].sum())
            in_q = rows[rows["quarter"] == q]
            out.append(
                {
                    "year": int(year),
                    "quarter": q,
                    "pagu_rp": pagu,
                    "realisasi_rp": int(in_q["realisasi_rp"].sum()),
                    "realisasi_cum_rp": int(upto["realisasi_rp"].sum()),
                    "partners_reported": int(in_q["partner_code"].nunique()),
                }
            )
    return pd.DataFrame(out)
