"""Self-assessment scores: per scope area and in total, self against verified, among peers."""

from __future__ import annotations

import pandas as pd

from core.assessment.instrument import SCOPES, Instrument

TOTAL = "TOTAL"
ORDER = {code: n for n, code in enumerate((*SCOPES, TOTAL))}


def scope_scores(levels: pd.DataFrame, instrument: Instrument, column: str) -> pd.DataFrame:
    """Scores per partner and scope area from item levels.

    `levels` has partner_id, indicator_code and the level column `column` (0–4, or NA where
    not given); codes not in the instrument are ignored. Returns partner_id, scope_code and
    score (0–100: the weighted mean of the indicators given, level L scoring L / 4 * 100).
    """
    known = pd.DataFrame(
        {
            "indicator_code": instrument.codes,
            "scope_code": [i.scope for i in instrument.indicators],
            "weight": [i.weight for i in instrument.indicators],
        }
    )
    rows = levels[["partner_id", "indicator_code", column]].merge(known, on="indicator_code")
    rows = rows[rows[column].notna()]
    rows = rows.assign(points=rows[column].astype(float) / 4 * 100 * rows["weight"])
    grouped = rows.groupby(["partner_id", "scope_code"], as_index=False)[["points", "weight"]].sum()
    grouped["score"] = grouped["points"] / grouped["weight"]
    return grouped[["partner_id", "scope_code", "score"]]


def total_scores(scopes: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The weighted mean over the scope areas a partner has: partner_id, score (0–100)."""
    weight = scopes["scope_code"].map(instrument.scope_weights)
    out = (
        scopes.assign(points=scopes["score"] * weight, weight=weight)
        .groupby("partner_id", as_index=False)[["points", "weight"]]
        .sum()
    )
    out["score"] = out["points"] / out["weight"]
    return out[["partner_id", "score"]]


def score_table(levels: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """One row per partner and scope area, plus scope_code 'TOTAL': self and verified scores.

    `levels`: partner_id, partner_type, short_name, status, indicator_code, self_level,
    verified_level (one year). A verified score counts only once the assessment is approved.
    Returns partner_id, short_name, partner_type, status, scope_code, self_score,
    verified_score (0–100 or NA), gap (self minus verified, points, or NA); regions first.
    """
    columns = ["partner_id", "short_name", "partner_type", "status", "scope_code"]
    if levels.empty:
        return pd.DataFrame(columns=[*columns, "self_score", "verified_score", "gap"])
    levels = levels.assign(
        verified_level=levels["verified_level"].where(levels["status"] == "approved")
    )
    parts = []
    for column, name in (("self_level", "self_score"), ("verified_level", "verified_score")):
        scopes = scope_scores(levels, instrument, column)
        totals = total_scores(scopes, instrument).assign(scope_code=TOTAL)
        parts.append(pd.concat([scopes, totals]).rename(columns={"score": name}))
    both = parts[0].merge(parts[1], on=["partner_id", "scope_code"], how="left")
    both["gap"] = both["self_score"] - both["verified_score"]
    partners = levels[["partner_id", "short_name", "partner_type", "status"]].drop_duplicates(
        "partner_id"
    )
    out = partners.merge(both, on="partner_id")
    out = out.assign(_order=out["scope_code"].map(ORDER)).sort_values(
        ["partner_type", "partner_id", "_order"], ascending=[False, True, True]
    )
    return out.drop(columns="_order").reset_index(drop=True)


def gaps(table: pd.DataFrame) -> pd.DataFrame:
    """Totals of the verified partners, largest over-rating first: partner_id, short_name,
    partner_type, self_score, verified_score, gap."""
    totals = table[(table["scope_code"] == TOTAL) & table["verified_score"].notna()]
    columns = ["partner_id", "short_name", "partner_type", "self_score", "verified_score", "gap"]
    return totals.sort_values(["gap", "short_name"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


def change(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Verified totals this year against last year: partner_id, short_name, partner_type,
    score, score_before, change (points; NA where either year is not verified)."""

    def totals(table):
        rows = table[table["scope_code"] == TOTAL]
        return rows[["partner_id", "short_name", "partner_type", "verified_score"]]

    out = totals(now).merge(
        totals(before)[["partner_id", "verified_score"]],
        on="partner_id",
        how="outer",
        suffixes=("", "_before"),
    )
    both = [part for part in (totals(now), totals(before)) if len(part)] or [totals(now)]
    names = pd.concat(both).drop_duplicates("partner_id")
    out = out.drop(columns=["short_name", "partner_type"]).merge(
        names[["partner_id", "short_name", "partner_type"]], on="partner_id"
    )
    out = out.rename(columns={"verified_score": "score", "verified_score_before": "score_before"})
    out["change"] = out["score"] - out["score_before"]
    out = out.sort_values(["partner_type", "change"], ascending=[False, False], na_position="last")
    columns = ["partner_id", "short_name", "partner_type", "score", "score_before", "change"]
    return out[columns].reset_index(drop=True)


def rank(table: pd.DataFrame, partner_id: int, column: str) -> tuple[int, int] | None:
    """(rank, group size) of `partner_id` by its total `column` among the partners of its
    group that have one; highest first, ties share the better rank. None if it has none."""
    totals = table[(table["scope_code"] == TOTAL) & table[column].notna()]
    mine = totals[totals["partner_id"] == partner_id]
    if mine.empty:
        return None
    group = totals[totals["partner_type"] == mine["partner_type"].iloc[0]]
    return int((group[column] > mine[column].iloc[0]).sum()) + 1, len(group)


def peers(table: pd.DataFrame, partner_id: int) -> pd.DataFrame:
    """Per scope area (and TOTAL): the partner's own self and verified scores against the
    verified scores of the other partners of its group.

    Returns scope_code, self_score, verified_score, peer_median, peer_min, peer_max, peers
    (how many peers have a verified score).
    """
    mine = table[table["partner_id"] == partner_id]
    if mine.empty:
        return pd.DataFrame(
            columns=[
                "scope_code",
                "self_score",
                "verified_score",
                "peer_median",
                "peer_min",
                "peer_max",
                "peers",
            ]
        )
    group = mine["partner_type"].iloc[0]
    others = table[
        (table["partner_type"] == group)
        & (table["partner_id"] != partner_id)
        & table["verified_score"].notna()
    ]
    stats = others.groupby("scope_code")["verified_score"].agg(
        peer_median="median", peer_min="min", peer_max="max", peers="count"
    )
    out = mine[["scope_code", "self_score", "verified_score"]].merge(
        stats, left_on="scope_code", right_index=True, how="left"
    )
    out["peers"] = out["peers"].fillna(0).astype(int)
    return out.reset_index(drop=True)
