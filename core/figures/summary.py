"""Totals and 'who is behind' from the per-partner indicator frame."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.figures.indicators import ratio
from core.figures.scoring import ScoringConfig
from core.text.fmt import half_away_series

TOTAL_COLUMNS = (
    "pagu_rp",
    "realisasi_rp",
    "target_trainees",
    "registered",
    "graduated",
    "certified",
    "placed",
    "villages_total",
    "reached_period",
    "reached_cumulative",
    "events",
    "participants_male",
    "participants_female",
    "villages_unlisted",
)


def totals(indicators: pd.DataFrame) -> dict:
    """Sums of the partner rows and the ratios recomputed from the sums (not averaged).

    Keys: every TOTAL_COLUMNS name (int) plus serapan, capaian_peserta, cakupan_kumulatif,
    cakupan_periode (fractions, NaN when the denominator is 0) and partners (int).
    """
    out = {c: int(indicators[c].sum()) if c in indicators else 0 for c in TOTAL_COLUMNS}
    out["partners"] = len(indicators)
    out["serapan"] = ratio(out["realisasi_rp"], out["pagu_rp"])
    out["capaian_peserta"] = ratio(out["graduated"], out["target_trainees"])
    out["cakupan_kumulatif"] = ratio(out["reached_cumulative"], out["villages_total"])
    out["cakupan_periode"] = ratio(out["reached_period"], out["villages_total"])
    return out


NOTHING_BEHIND = "nothing_behind"


def weakest_indicator(row: pd.Series, config: ScoringConfig) -> str | None:
    """The key of the weighted indicator with the lowest score for this partner;
    NOTHING_BEHIND when every scored indicator is at green (a score of 100), None when the
    partner has no scored indicator."""
    scores = {
        i.key: row.get(f"score_{i.key}")
        for i in config.indicators
        if i.weights.get(row["partner_type"], 0) > 0 and pd.notna(row.get(f"score_{i.key}"))
    }
    if not scores:
        return None
    key = min(scores, key=scores.get)
    return NOTHING_BEHIND if scores[key] >= 100 else key


def furthest_behind(
    scored: pd.DataFrame, config: ScoringConfig, per_group: int = 3
) -> pd.DataFrame:
    """The `per_group` lowest composite indices of each partner group below the green band,
    worst first (a partner at green is not behind, whatever its rank).

    Returns the scored rows plus weakest: the key of each partner's weakest indicator.
    """
    ranked = scored.dropna(subset=["indeks"])
    ranked = ranked[ranked["band_indeks"] != "hijau"].sort_values(["indeks", "short_name"])
    out = ranked.groupby("partner_type", sort=False).head(per_group).copy()
    out["weakest"] = [weakest_indicator(r, config) for _, r in out.iterrows()]
    return out


def comparison(now: pd.DataFrame, before: pd.DataFrame) -> tuple[dict, dict, dict | None, int]:
    """(now totals, before totals, totals of now over the same partners or None when both
    periods cover the same partners, how many partners are compared) for a page that shows
    the period's figures and their change against the same period a year earlier."""
    same_now, same_before, n = comparable(now, before)
    covered = max(int(now["has_data"].sum()), int(before["has_data"].sum()))
    return totals(now), same_before, (same_now if n < covered else None), n


def comparable(now: pd.DataFrame, before: pd.DataFrame) -> tuple[dict, dict, int]:
    """Totals of the two periods over the same partners: those with figures of the period
    (has_data) in both. Returns (now totals, before totals, how many partners); a change
    against last year is only read from these, never from two different sets of partners."""
    both = now[["partner_id", "has_data"]].merge(
        before[["partner_id", "has_data"]], on="partner_id", suffixes=("", "_before")
    )
    same = set(both.loc[both["has_data"] & both["has_data_before"], "partner_id"])
    pick = lambda frame: frame[frame["partner_id"].isin(same)]  # noqa: E731
    return totals(pick(now)), totals(pick(before)), len(same)


def measure_change(now: pd.DataFrame, before: pd.DataFrame, column: str, present: str) -> Compared:
    """A period's `column` against the same period a year earlier (scorecard frames), read
    over the partners that reported that kind of figure (`present` above 0: trainees
    registered, say) in both. A partner whose report of the period holds no such figure yet
    is left out, never read as a fall to zero."""
    has_now = now[now[present].fillna(0) > 0].set_index("partner_id")[column]
    has_before = before[before[present].fillna(0) > 0].set_index("partner_id")[column]
    return _compared(has_now.fillna(0), has_before.fillna(0))


def over_ceiling(frame: pd.DataFrame) -> list[str]:
    """Names (short_name) of the partners whose serapan shows above 100%: realisasi above
    the pagu, which a page never shows without saying so."""
    shown = half_away_series(frame["serapan"], 3)
    return sorted(frame.loc[shown > 1, "short_name"].astype(str))


@dataclass(frozen=True)
class Compared:
    """A figure of the selected partners and its change against a year earlier, read over
    the partners that have the figure in both periods."""

    now: int  # the total over every partner that has the figure now
    partners: int  # how many have it now
    same_now: int  # the total over the partners that have it in both periods
    before: int | None  # the earlier total over those same partners; None when there are none
    both: int  # how many partners have it in both periods


def _compared(this: pd.Series, last: pd.Series) -> Compared:
    """`this` and `last`: the figure by partner_id, of the partners that have it."""
    both = this.index.intersection(last.index)
    return Compared(
        now=int(this.sum()),
        partners=len(this),
        same_now=int(this.loc[both].sum()),
        before=int(last.loc[both].sum()) if len(both) else None,
        both=len(both),
    )


def yearly_change(outcomes: pd.DataFrame, column: str, year: int) -> Compared:
    """A yearly figure (from the TW IV reports) against the year before, over the partners
    that published both. `outcomes`: outcomes_by_partner of (year - 1, year)."""
    this = outcomes[outcomes["year"] == year].set_index("partner_id")[column].dropna()
    last = outcomes[outcomes["year"] == year - 1].set_index("partner_id")[column].dropna()
    return _compared(this, last)
