"""Everything a briefing shows, gathered for one period and partner selection without
Streamlit: the same reads, indicator functions and scorecard as the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from core.accounts.roles import Role
from core.figures import scoring
from core.figures.indicators import add_mou_status, partner_indicators
from core.figures.narrative import Inputs, Point, key_points
from core.figures.periods import Period, data_date, today
from core.figures.scoring import ScoringConfig, league_table, load_config
from core.figures.summary import comparison
from data_access.figures import budget, mou, partners, periods, scorecard
from data_access.reporting import comments, report_reads
from data_access.store.access import Viewer

# Briefings are for leadership: they read as leadership does.
LEADERSHIP = Viewer(Role.PIMPINAN, username="bahan-paparan")


@dataclass(frozen=True)
class Briefing:
    year: int
    quarter: int
    partner_type: str | None
    province: str | None
    as_of: date | None
    demo: bool
    config: ScoringConfig
    scored: pd.DataFrame  # scorecard of the selected partners, with serapan_lalu
    now: dict  # totals of the period
    before: dict  # totals of the same period a year earlier
    trend: pd.DataFrame  # budget by year and quarter, with realisasi_cum_rp
    mous: pd.DataFrame  # MoU registry with status and days_left
    points: list[Point]  # the written summary
    verified_only: bool  # figures of approved reports only
    unverified: int  # submitted reports not yet approved that the figures include
    # Comments chosen for the briefing (data_access.reporting.comments.briefing_comments), selected
    # partners only.
    comments: pd.DataFrame = field(default_factory=pd.DataFrame)


def gather(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    verified_only: bool = False,
    viewer: Viewer = LEADERSHIP,
) -> Briefing:
    """The briefing's figures; ranks are among all partners of a group, as on the pages."""
    config = load_config()

    def indicators(y: int) -> pd.DataFrame:
        return partner_indicators(
            **scorecard.scorecard_inputs(
                viewer=viewer, year=y, quarter=quarter, verified_only=verified_only
            )
        )

    now_all, before_all = indicators(year), indicators(year - 1)
    scored = league_table(now_all, before_all, config, quarter, partner_type, province)
    before = scoring.chosen(before_all, partner_type, province)
    scored = scored.merge(
        before[["partner_id", "serapan"]].rename(columns={"serapan": "serapan_lalu"}),
        on="partner_id",
        how="left",
    )
    chosen = {"partner_type": partner_type, "province": province}
    trend = budget.budget_by_quarter(
        viewer=viewer, verified_only=verified_only, through=(year, quarter), **chosen
    )
    money = ["pagu_rp", "realisasi_rp", "realisasi_cum_rp"]
    trend = trend.astype({c: "int64" for c in money})
    mous = add_mou_status(mou.mou_registry(viewer=viewer, **chosen), today())
    info = partners.dataset_info(viewer=viewer)
    # "Data per" as on the pages: the newest quarter the period counts, else the data set's date.
    reporting = periods.reporting_by_quarter(viewer=viewer, verified_only=verified_only, **chosen)
    as_of = data_date(reporting, Period(year, quarter)) or info["as_of"]
    now_totals, before_totals, compared, _ = comparison(scored, before)
    inputs = Inputs(year, quarter, now_totals, before_totals, scored, mous, config, compared)
    return Briefing(
        year=year,
        quarter=quarter,
        partner_type=partner_type,
        province=province,
        as_of=as_of,
        demo=info["is_demo"],
        config=config,
        scored=scored,
        now=now_totals,
        before=before_totals,
        trend=trend,
        mous=mous,
        points=key_points(inputs),
        verified_only=verified_only,
        unverified=0
        if verified_only
        else report_reads.unverified_reports(viewer=viewer, year=year, quarter=quarter, **chosen),
        comments=_chosen_comments(viewer, year, quarter, scored),
    )


def _chosen_comments(viewer: Viewer, year: int, quarter: int, scored: pd.DataFrame):
    chosen = comments.briefing_comments(viewer=viewer, year=year, quarter=quarter)
    return chosen[chosen["partner_id"].isin(scored["partner_id"])].reset_index(drop=True)
