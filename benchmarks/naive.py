"""The naive way to answer the pages' questions: read whole tables into pandas, then compute.

The baseline the real read functions are measured against. Each function returns the same
frame as its namesake in data_access (a test checks that on the demo data).
"""

from __future__ import annotations

import pandas as pd

from data_access.store.db import get_engine
from data_access.store.query import PARTNER_NAMES


def _table(name: str) -> pd.DataFrame:
    return pd.read_sql_table(name, get_engine())


def _partners(partner_type=None, province=None) -> pd.DataFrame:
    p = _table("partner").merge(
        _table("region")[["id", "province"]],
        left_on="region_id",
        right_on="id",
        suffixes=("", "_r"),
    )
    p = p.rename(columns={"id": "partner_id"})
    if partner_type:
        p = p[p["partner_type"] == partner_type]
    if province:
        p = p[p["province"] == province]
    return p.sort_values("partner_id")


def _attach(partners: pd.DataFrame, values: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = partners[PARTNER_NAMES].merge(values, left_on="partner_id", right_index=True, how="left")
    out[columns] = out[columns].fillna(0).astype("int64")
    return out[PARTNER_NAMES + columns].reset_index(drop=True)


def budget_by_partner(*, year, quarter, partner_type=None, province=None) -> pd.DataFrame:
    b = _table("training_budget")
    b = b[(b["year"] == year) & (b["quarter"] <= quarter)]
    last = b.groupby(["partner_id", "fund_source"])["quarter"].transform("max")
    ceiling = b[b["quarter"] == last].groupby("partner_id")[["pagu_rp", "target_trainees"]].sum()
    spent = b.groupby("partner_id")["realisasi_rp"].sum()
    reported = b[b["quarter"] == quarter].groupby("partner_id").size().gt(0).astype(int)
    values = ceiling.join(spent, how="outer").join(reported.rename("reported"), how="outer")
    columns = ["pagu_rp", "realisasi_rp", "target_trainees", "reported"]
    out = _attach(_partners(partner_type, province), values.reindex(columns=columns), columns)
    out["reported"] = out["reported"].astype(bool)
    s = _table("submission")
    s = s[(s["year"] == year) & (s["quarter"] == quarter) & (s["status"] == "submitted")]
    out["awaiting_approval"] = out["partner_id"].isin(set(s["partner_id"]))
    return out


def training_by_partner(*, year, quarter, partner_type=None, province=None) -> pd.DataFrame:
    c = _table("training_cohort")
    c = c[(c["year"] == year) & (c["quarter"] <= quarter)]
    columns = ["registered", "graduated", "certified", "placed", "cost_rp"]
    return _attach(
        _partners(partner_type, province), c.groupby("partner_id")[columns].sum(), columns
    )


def coverage_by_partner(*, year, quarter, partner_type=None, province=None) -> pd.DataFrame:
    e, v = _table("socialization_event"), _table("village")
    t, named = _quarter_totals(e)
    partners = _partners(partner_type, province)
    totals = v.groupby("region_id").agg(
        villages_total=("id", "size"), pmi_total=("pmi_count", "sum")
    )
    places = pd.concat([e[["partner_id", "village_id", "year", "quarter"]], named])
    upto = places[places["year"] * 4 + places["quarter"] <= year * 4 + quarter]
    reached = upto.drop_duplicates(["partner_id", "village_id"]).merge(
        v[["id", "pmi_count"]], left_on="village_id", right_on="id"
    )
    cumulative = reached.groupby("partner_id").agg(
        reached_cumulative=("village_id", "size"), reached_cumulative_pmi=("pmi_count", "sum")
    )
    period = upto[upto["year"] == year].groupby("partner_id")["village_id"].nunique()
    counted = pd.concat([e.assign(events=1), t])
    counted = counted[(counted["year"] == year) & (counted["quarter"] <= quarter)]
    in_period = counted.groupby("partner_id").agg(
        events=("events", "sum"),
        participants_male=("participants_male", "sum"),
        participants_female=("participants_female", "sum"),
        villages_unlisted=("unlisted", "sum"),
    )
    values = partners.set_index("partner_id")[["region_id", "partner_type"]].join(
        totals, on="region_id"
    )
    values.loc[values["partner_type"] != "pemda", ["villages_total", "pmi_total"]] = 0
    values = values.join(cumulative).join(period.rename("reached_period")).join(in_period)
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
    return _attach(partners, values[columns], columns)


def _quarter_totals(e: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quarter totals of partner-quarters without events (with their uncoded villages as
    `unlisted`), and the villages they name."""
    t, tv = _table("socialization_total"), _table("socialization_total_village")
    with_events = set(zip(e["partner_id"], e["year"], e["quarter"], strict=True))

    def alone(frame: pd.DataFrame) -> pd.DataFrame:
        keys = zip(frame["partner_id"], frame["year"], frame["quarter"], strict=True)
        return frame[pd.Series([k not in with_events for k in keys], index=frame.index, dtype=bool)]

    t, tv = alone(t), alone(tv)
    listed = tv.groupby(["partner_id", "year", "quarter"]).size().rename("listed")
    t = t.join(listed, on=["partner_id", "year", "quarter"])
    t["unlisted"] = t["villages"] - t["listed"].fillna(0)
    return t, tv[["partner_id", "village_id", "year", "quarter"]]


def _events(partner_type=None, province=None, partner_id=None) -> pd.DataFrame:
    e = _table("socialization_event")
    keep = _partners(partner_type, province)["partner_id"]
    if partner_id is not None:
        keep = keep[keep == partner_id]
    return e[e["partner_id"].isin(keep)]


def events_by_quarter(*, partner_type=None, province=None, partner_id=None) -> pd.DataFrame:
    e = _events(partner_type, province, partner_id)
    out = (
        e.groupby(["year", "quarter"])
        .agg(
            events=("id", "size"),
            participants_male=("participants_male", "sum"),
            participants_female=("participants_female", "sum"),
        )
        .reset_index()
    )
    first = (e["year"] * 4 + e["quarter"]).groupby([e["partner_id"], e["village_id"]]).min()
    new = first.value_counts().rename("villages_new")
    out["villages_new"] = (out["year"] * 4 + out["quarter"]).map(new).fillna(0).astype("int64")
    return out


def events_by_topic(*, year, quarter, partner_type=None, province=None, partner_id=None):
    e = _events(partner_type, province, partner_id)
    e = e[(e["year"] == year) & (e["quarter"] <= quarter)]
    out = e.groupby("topic").agg(
        events=("id", "size"),
        participants_male=("participants_male", "sum"),
        participants_female=("participants_female", "sum"),
    )
    return out.reset_index().sort_values(["events", "topic"], ascending=[False, True])


def budget_by_quarter(*, partner_type=None, province=None, partner_id=None) -> pd.DataFrame:
    b = _table("training_budget").merge(
        _partners(partner_type, province)[["partner_id", "partner_type"]], on="partner_id"
    )
    if partner_id is not None:
        b = b[b["partner_id"] == partner_id]
    rows = []
    for year, part in b.groupby("year"):
        for q in range(1, int(part["quarter"].max()) + 1):
            upto = part[part["quarter"] <= q]
            latest = upto.groupby(["partner_id", "fund_source"])["quarter"].transform("max")
            in_q = part[part["quarter"] == q]
            rows.append(
                (
                    year,
                    q,
                    upto.loc[upto["quarter"] == latest, "pagu_rp"].sum(),
                    in_q["realisasi_rp"].sum(),
                    upto["realisasi_rp"].sum(),
                    in_q["partner_id"].nunique(),
                )
            )
    columns = ["year", "quarter", "pagu_rp", "realisasi_rp", "realisasi_cum_rp"]
    return pd.DataFrame(rows, columns=[*columns, "partners_reported"])


def deliverables_matrix(*, as_of, partner_type=None, province=None) -> pd.DataFrame:
    d = _table("deliverable")
    d["completed_on"] = pd.to_datetime(d["completed_on"]).dt.date
    d["due_on"] = pd.to_datetime(d["due_on"]).dt.date
    done = d["completed_on"].notna() & (d["completed_on"].fillna(as_of) <= as_of)
    d = d.assign(done=done.astype(int), overdue=(~done & (d["due_on"] < as_of)).astype(int))
    counts = (
        d.groupby(["partner_id", "scope_code"])
        .agg(items=("id", "size"), done=("done", "sum"), overdue=("overdue", "sum"))
        .reset_index()
    )
    partners = _partners(partner_type, province)[PARTNER_NAMES]
    return partners.merge(counts, on="partner_id").sort_values(["partner_id", "scope_code"])


def mou_registry(*, partner_type=None, province=None, partner_id=None) -> pd.DataFrame:
    mous = _table("mou").rename(columns={"id": "mou_id"})
    pks = _table("pks").groupby("mou_id").size().rename("pks_count")
    scopes = _table("mou_scope").groupby("mou_id").size().rename("scopes")
    partners = _partners(partner_type, province)
    if partner_id is not None:
        partners = partners[partners["partner_id"] == partner_id]
    out = mous.merge(partners[PARTNER_NAMES], on="partner_id")
    out = out.join(scopes, on="mou_id").join(pks, on="mou_id")
    out[["scopes", "pks_count"]] = out[["scopes", "pks_count"]].fillna(0).astype("int64")
    out["renewed"] = out["renewed_by_id"].notna()
    for column in ("signed_on", "valid_until"):
        out[column] = pd.to_datetime(out[column]).dt.date
    out = out.sort_values(
        ["partner_type", "short_name", "signed_on"], ascending=[False, True, True]
    )
    columns = ["mou_id", "number", *PARTNER_NAMES, "signed_on", "valid_until", "renewed"]
    return out[[*columns, "scopes", "pks_count"]]


def scorecard_inputs(*, year, quarter, partner_type=None, province=None) -> dict:
    from core.text.fmt import quarter_end

    scope = {"year": year, "quarter": quarter, "partner_type": partner_type, "province": province}
    return {
        "budget": budget_by_partner(**scope),
        "training": training_by_partner(**scope),
        "coverage": coverage_by_partner(**scope),
        "follow_through": deliverables_matrix(
            as_of=quarter_end(year, quarter), partner_type=partner_type, province=province
        ),
    }


def _for_any_viewer(function):
    """The baseline is measured as a staff account sees the pages: no scoping to apply."""

    def read(*, viewer, verified_only=False, **arguments):
        # The synthetic data sets hold no partner reports: every figure counts either way.
        return function(**arguments)

    return read


READS = {
    f.__name__: _for_any_viewer(f)
    for f in (
        budget_by_partner,
        training_by_partner,
        coverage_by_partner,
        events_by_quarter,
        events_by_topic,
        budget_by_quarter,
        scorecard_inputs,
        deliverables_matrix,
        mou_registry,
    )
}
