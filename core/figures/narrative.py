"""The written summary: the things a leader should know about a period, each a sentence from
the catalog filled with figures computed here from the same frames the pages show."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.figures.indicators import change
from core.figures.scoring import ScoringConfig
from core.figures.summary import NOTHING_BEHIND, furthest_behind
from core.text import fmt
from core.text.i18n import t

HEADLINE = ("serapan", "capaian_peserta", "cakupan_kumulatif")
TOTAL_OF = {
    "serapan": ("realisasi_rp", "pagu_rp"),
    "capaian_peserta": ("graduated", "target_trainees"),
    "cakupan_kumulatif": ("reached_cumulative", "villages_total"),
}


# The figure whose presence (above 0) says a period holds that kind of report.
PRESENT_IN = {
    "serapan": "pagu_rp",
    "capaian_peserta": "registered",
    "cakupan_kumulatif": "villages_total",
}


@dataclass(frozen=True)
class Point:
    """One sentence: its catalog key (under `summary.`) and the raw figures it states."""

    key: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Inputs:
    """What the summary is computed from (all for one period and partner selection)."""

    year: int
    quarter: int
    now: dict  # core.figures.summary.totals of the period
    before: dict  # the same for the same quarter a year earlier
    scored: pd.DataFrame  # scorecard with rank change (ui.figures.compute.scored)
    mous: pd.DataFrame  # mou_registry with status and days_left (add_mou_status)
    config: ScoringConfig
    # Totals of `now` over the partners that `before` also covers (core.figures.summary.comparable);
    # changes against last year are read from it. None: `before` covers the same partners.
    compared: dict | None = None


def key_points(data: Inputs) -> list[Point]:
    """Five to eight points, most important first; a point whose figures are missing (no
    budget reported, no MoU expiring) is left out rather than written with a dash."""
    points = [*_absorption(data), *_biggest_change(data), *_behind(data), *_agreements(data),
              *_reach(data), *_climber(data)]  # fmt: skip
    return points[:8]


def _absorption(data: Inputs) -> list[Point]:
    now, before = data.now, data.before
    if not now["pagu_rp"]:
        return []
    same = data.compared or now
    return [
        Point(
            "absorption",
            {
                "serapan": now["serapan"],
                "pagu_rp": now["pagu_rp"],
                "realisasi_rp": now["realisasi_rp"],
                "before": before["serapan"],
                "change": change(same["serapan"], before["serapan"])[0],
                "same_share": same["serapan"] if data.compared else None,
                "same_partners": same["partners"] if data.compared else None,
            },
        )
    ]


def _biggest_change(data: Inputs) -> list[Point]:
    before, same = data.before, data.compared or data.now
    # A year without any report gives nothing to compare with (its zeros are not figures).
    reported_before = any(before[k] for k in ("pagu_rp", "events", "graduated"))
    changes = {
        k: change(same[k], before[k])[0]
        for k in HEADLINE
        if reported_before
        and pd.notna(change(same[k], before[k])[0])
        # Only where both periods hold that kind of figure: a report without its trainees
        # yet is not a fall to 0%.
        and same.get(PRESENT_IN[k], 0) > 0
        and before.get(PRESENT_IN[k], 0) > 0
    }
    if not changes:
        return []
    key = max(changes, key=lambda k: abs(changes[k]))
    return [
        Point(
            "biggest_change",
            {
                "indicator": key,
                "now": same[key],
                "before": before[key],
                "change": changes[key],
                "same_partners": same["partners"] if data.compared else None,
            },
        )
    ]


def _behind(data: Inputs) -> list[Point]:
    behind = furthest_behind(data.scored, data.config, per_group=1)
    # The last of a ranking of one partner is behind nobody.
    behind = behind[behind["ranked_in_group"] > 1] if "ranked_in_group" in behind else behind
    points = []
    for _, row in behind.iterrows():
        weakest = row["weakest"]
        points.append(
            Point(
                "behind",
                {
                    "partner": row["short_name"],
                    "partner_type": row["partner_type"],
                    "indeks": row["indeks"],
                    "weakest": weakest if weakest != NOTHING_BEHIND else None,
                    "weakest_value": row.get(weakest) if weakest != NOTHING_BEHIND else None,
                },
            )
        )
    return points


def _agreements(data: Inputs) -> list[Point]:
    points = []
    expiring = data.mous[data.mous["status"] == "akan_berakhir"].sort_values("days_left")
    if len(expiring):
        points.append(
            Point(
                "expiring",
                {
                    "count": len(expiring),
                    "partners": list(expiring["short_name"]),
                    "days": list(expiring["days_left"]),
                },
            )
        )
    current = data.mous[data.mous["status"].isin(["aktif", "akan_berakhir"])]
    without = current[current["pks_count"] == 0]
    if len(without):
        points.append(
            Point("no_pks", {"count": len(without), "partners": sorted(without["short_name"])})
        )
    return points


def _reach(data: Inputs) -> list[Point]:
    now, points = data.now, []
    if now["villages_total"]:
        regions = data.scored[data.scored["villages_total"] > 0]
        lowest = regions.sort_values(["cakupan_kumulatif", "short_name"]).iloc[0]
        points.append(
            Point(
                "coverage_gap",
                {
                    "share": now["cakupan_kumulatif"],
                    "unreached": now["villages_total"] - now["reached_cumulative"],
                    "total": now["villages_total"],
                    "lowest": lowest["short_name"],
                    "lowest_share": lowest["cakupan_kumulatif"],
                },
            )
        )
    if now["target_trainees"]:
        points.append(
            Point(
                "graduates",
                {
                    "graduated": now["graduated"],
                    "target": now["target_trainees"],
                    "share": now["capaian_peserta"],
                },
            )
        )
    return points


def _climber(data: Inputs) -> list[Point]:
    moved = data.scored.dropna(subset=["perubahan_peringkat"])
    if not len(moved) or moved["perubahan_peringkat"].max() <= 0:
        return []
    best = moved.sort_values(["perubahan_peringkat", "short_name"], ascending=[False, True])
    row = best.iloc[0]
    return [
        Point("climber", {"partner": row["short_name"], "places": int(row["perubahan_peringkat"])})
    ]


def _names(names: list[str], lang: str) -> str:
    joiner = " dan " if lang == "id" else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def _direction(value: float, lang: str) -> str:
    return t("summary.up" if value > 0 else "summary.down" if value < 0 else "summary.same", lang)


def sentence(point: Point, year: int, quarter: int, lang: str = "id") -> str:
    """The point as a sentence in `lang`, with Indonesian (or English) number formats."""
    v, last = point.values, fmt.period(year - 1, quarter, lang)
    if point.key == "absorption":
        return _absorption_sentence(v, fmt.period(year, quarter, lang), last, lang)
    if point.key == "biggest_change":
        subset = v.get("same_partners") is not None
        return t(
            "summary.biggest_change_partial" if subset else "summary.biggest_change",
            lang,
            n=v.get("same_partners"),
            last=last,
            indicator=t(f"indicator.{v['indicator']}", lang),
            direction=_direction(v["change"], lang),
            points=fmt.points(abs(v["change"]), lang).lstrip("+"),
            before=fmt.percent(v["before"], lang),
            now=fmt.percent(v["now"], lang),
        )
    if point.key == "behind":
        return _behind_sentence(v, lang)
    if point.key == "expiring":
        parts = [
            t("summary.days_left", lang, partner=p, days=fmt.number(d, lang))
            for p, d in zip(v["partners"], v["days"], strict=True)
        ]
        return t("summary.expiring", lang, n=v["count"], partners=_names(parts, lang))
    if point.key == "no_pks":
        return t("summary.no_pks", lang, n=v["count"], partners=_names(v["partners"], lang))
    if point.key == "coverage_gap":
        return t(
            "summary.coverage_gap",
            lang,
            share=fmt.percent(v["share"], lang),
            unreached=fmt.number(v["unreached"], lang),
            total=fmt.number(v["total"], lang),
            lowest=v["lowest"],
            lowest_share=fmt.percent(v["lowest_share"], lang),
        )
    if point.key == "graduates":
        return t(
            "summary.graduates",
            lang,
            graduated=fmt.number(v["graduated"], lang),
            share=fmt.percent(v["share"], lang),
            target=fmt.number(v["target"], lang),
        )
    return t("summary.climber", lang, partner=v["partner"], places=v["places"], last=last)


def _absorption_sentence(v: dict, period: str, last: str, lang: str) -> str:
    headline = {
        "period": period,
        "share": fmt.percent(v["serapan"], lang),
        "pagu": fmt.rupiah(v["pagu_rp"], lang),
        "realisasi": fmt.rupiah(v["realisasi_rp"], lang),
    }
    if pd.isna(v["change"]):
        return t("summary.absorption_first", lang, **headline)
    against = {
        "direction": _direction(v["change"], lang),
        "points": fmt.points(abs(v["change"]), lang).lstrip("+"),
        "last": last,
        "before": fmt.percent(v["before"], lang),
    }
    if v.get("same_partners") is not None:
        same = {"n": v["same_partners"], "same_share": fmt.percent(v["same_share"], lang)}
        return t("summary.absorption_partial", lang, **headline, **against, **same)
    return t("summary.absorption", lang, **headline, **against)


def _behind_sentence(v: dict, lang: str) -> str:
    weakest = (
        t(
            "summary.weakest",
            lang,
            indicator=t(f"indicator.{v['weakest']}", lang),
            value=fmt.percent(v["weakest_value"], lang),
        )
        if v["weakest"]
        else ""
    )
    return t(
        "summary.behind",
        lang,
        group=t(f"summary.group_{v['partner_type']}", lang),
        partner=v["partner"],
        index=fmt.number(v["indeks"], lang, 1),
        weakest=weakest,
    )
