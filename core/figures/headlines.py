"""The message of each briefing slide, one line stating what its chart or table shows
("Serapan 74,0%, naik 3,8 poin dari tahun lalu; terendah Kab. Kepulauan Talaud (31,2%)"),
computed from the same frames the slide draws. The slide's topic becomes its subtitle."""

from __future__ import annotations

import pandas as pd

from core.figures.narrative import Point
from core.text import fmt
from core.text.i18n import t


def _direction(change: float, lang: str) -> str:
    if change == 0:
        return t("headline.unchanged", lang)
    word = t("summary.up" if change > 0 else "summary.down", lang)
    return f"{word} {fmt.points(abs(change), lang).lstrip('+')}"


def _lowest(frame: pd.DataFrame, column: str) -> pd.Series | None:
    """The row with the lowest value (ties by name), or None without any value."""
    known = frame[frame[column].notna()]
    if known.empty:
        return None
    return known.sort_values([column, "short_name"]).iloc[0]


def absorption(points: list[Point], scored: pd.DataFrame, lang: str) -> str | None:
    """Serapan of the period, its change from last year as the summary states it, and the
    partner lowest on it. `points`: core.figures.narrative.key_points; `scored`: the scorecard."""
    point = next((p for p in points if p.key == "absorption"), None)
    if point is None:
        return None
    v = point.values
    text = t("headline.absorption", lang, serapan=fmt.percent(v["serapan"], lang))
    if pd.notna(v["change"]):
        text += t("headline.against_last_year", lang, direction=_direction(v["change"], lang))
    low = _lowest(scored[scored["pagu_rp"] > 0], "serapan")
    if low is not None:
        text += t(
            "headline.lowest",
            lang,
            partner=low["short_name"],
            value=fmt.percent(low["serapan"], lang),
        )
    return text


def trend(rows: pd.DataFrame, year: int, quarter: int, lang: str) -> str | None:
    """Cumulative serapan through the quarter against the same quarter a year earlier.
    `rows`: budget_by_quarter with realisasi_cum_rp."""

    def share(y: int) -> float | None:
        row = rows[(rows["year"] == y) & (rows["quarter"] == quarter)]
        if row.empty or not row["pagu_rp"].iloc[0]:
            return None
        return row["realisasi_cum_rp"].iloc[0] / row["pagu_rp"].iloc[0]

    now, before = share(year), share(year - 1)
    if now is None:
        return None
    text = t(
        "headline.trend",
        lang,
        quarter=fmt.quarter_name(quarter, lang),
        serapan=fmt.percent(now, lang),
    )
    if before is not None:
        text += t("headline.trend_before", lang, year=year - 1, serapan=fmt.percent(before, lang))
    return text


def coverage(scored: pd.DataFrame, lang: str) -> str | None:
    """Villages reached of all villages of the regional partners, and the lowest region."""
    regions = scored[scored["villages_total"] > 0]
    if regions.empty:
        return None
    reached, total = int(regions["reached_cumulative"].sum()), int(regions["villages_total"].sum())
    text = t(
        "headline.coverage",
        lang,
        reached=fmt.number(reached, lang),
        total=fmt.number(total, lang),
        share=fmt.percent(reached / total, lang),
    )
    low = _lowest(regions, "cakupan_kumulatif")
    text += t(
        "headline.lowest",
        lang,
        partner=low["short_name"],
        value=fmt.percent(low["cakupan_kumulatif"], lang),
    )
    return text


def graduates(scored: pd.DataFrame, lang: str) -> str | None:
    """Graduates against the yearly target, and how many partners are below half of theirs."""
    with_target = scored[scored["target_trainees"] > 0]
    if with_target.empty:
        return None
    done, target = int(with_target["graduated"].sum()), int(with_target["target_trainees"].sum())
    below = int((with_target["graduated"] < with_target["target_trainees"] / 2).sum())
    return t(
        "headline.graduates",
        lang,
        graduated=fmt.number(done, lang),
        target=fmt.number(target, lang),
        share=fmt.percent(done / target, lang),
        below=fmt.number(below, lang),
    )


def league(part: pd.DataFrame, group: str, lang: str) -> str | None:
    """The first and the last ranked partner of a group, with their index."""
    ranked = part[part["peringkat"].notna()].sort_values(["peringkat", "short_name"])
    if ranked.empty:
        return None
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    name = t(f"summary.group_{group}", lang)
    return t(
        "headline.league",
        lang,
        group=name[:1].upper() + name[1:],
        top=top["short_name"],
        top_index=fmt.number(top["indeks"], lang, 1),
        bottom=bottom["short_name"],
        bottom_index=fmt.number(bottom["indeks"], lang, 1),
    )


def expiring(mous: pd.DataFrame, lang: str) -> str:
    """How many MoUs end within the warning window, and the first of them."""
    soon = mous[mous["status"] == "akan_berakhir"].sort_values(["days_left", "short_name"])
    if soon.empty:
        return t("headline.none_expiring", lang)
    first = soon.iloc[0]
    return t(
        "headline.expiring",
        lang,
        n=fmt.number(len(soon), lang),
        partner=first["short_name"],
        date=fmt.long_date(first["valid_until"], lang),
        days=fmt.number(first["days_left"], lang),
    )
