"""Reads about training budgets (pagu, realisasi) and training cohorts."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import case, exists, func, literal, select, union_all

from data_access import models as m
from data_access.store.access import guarded
from data_access.store.query import (
    PARTNER_COLUMNS,
    PARTNER_NAMES,
    by_partner,
    filter_partners,
    frame,
)
from data_access.store.visibility import visible

B = m.TrainingBudget
C = m.TrainingCohort


def _partners_base():
    return select(*PARTNER_COLUMNS).join(m.Region, m.Partner.region_id == m.Region.id)


@guarded("peers", cached=True)
def budget_by_partner(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Budget of each partner for `year` through `quarter` (every partner, zeros if none).

    Columns: partner_id: int; code, short_name, partner_type, province: str;
    pagu_rp: int, Rupiah, the annual ceiling in force in `quarter` (all sources; the latest
    reported one if `quarter` is missing);
    realisasi_rp: int, Rupiah, spent from TW I through `quarter`;
    target_trainees: int, people, annual target in force in `quarter`;
    reported: bool, whether the partner reported a budget for `quarter`. Figures of draft
    or returned reports are left out; with `verified_only`, submitted ones too;
    awaiting_approval: bool, whether the partner's report for `quarter` is submitted and not
    yet decided (with `verified_only` its figures are then not counted, but it did report).
    """
    shown = visible(B, verified_only)
    ceiling, spent = _year_ceiling(shown, year, quarter), _year_spent(shown, year, quarter)
    S = m.Submission
    awaiting = exists(
        select(literal(1)).where(
            S.partner_id == m.Partner.id,
            S.year == year,
            S.quarter == quarter,
            S.status == "submitted",
        )
    )
    stmt = _partners_base().add_columns(
        func.coalesce(ceiling.c.pagu_rp, 0),
        func.coalesce(spent.c.realisasi_rp, 0),
        func.coalesce(ceiling.c.target, 0),
        func.coalesce(spent.c.reported, 0),
        case((awaiting, 1), else_=0),
    )
    stmt = (
        stmt.outerjoin(ceiling, ceiling.c.partner_id == m.Partner.id)
        .outerjoin(spent, spent.c.partner_id == m.Partner.id)
        .order_by(m.Partner.id)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    columns = ["pagu_rp", "realisasi_rp", "target_trainees", "reported", "awaiting_approval"]
    out = frame(stmt, [*PARTNER_NAMES, *columns])
    out["reported"] = out["reported"].astype(bool)
    out["awaiting_approval"] = out["awaiting_approval"].astype(bool)
    return out


def _year_ceiling(shown, year: int, quarter: int):
    """Per partner: the pagu and trainee target in force at `quarter` of `year`."""
    # The ceiling in force is the one of the latest quarter reported up to `quarter`, so a
    # partner that missed a report keeps its known pagu instead of dropping to zero.
    latest = (
        select(B.partner_id, B.fund_source, func.max(B.quarter).label("q"))
        .where(B.year == year, B.quarter <= quarter, shown)
        .group_by(B.partner_id, B.fund_source)
        .subquery()
    )
    ceiling = (
        select(
            B.partner_id,
            func.sum(B.pagu_rp).label("pagu_rp"),
            func.sum(B.target_trainees).label("target"),
        )
        .join(
            latest,
            (latest.c.partner_id == B.partner_id)
            & (latest.c.fund_source == B.fund_source)
            & (latest.c.q == B.quarter),
        )
        .where(B.year == year, shown)
        .group_by(B.partner_id)
        .subquery()
    )
    return ceiling


def _year_spent(shown, year: int, quarter: int):
    """Per partner: realisasi from TW I through `quarter`, and whether it reported then."""
    spent = (
        select(
            B.partner_id,
            func.sum(B.realisasi_rp).label("realisasi_rp"),
            func.max(case((B.quarter == quarter, 1), else_=0)).label("reported"),
        )
        .where(B.year == year, B.quarter <= quarter, shown)
        .group_by(B.partner_id)
        .subquery()
    )
    return spent


def _quarters():
    """The four quarters as a small table (q), to carry a year's figures through them."""
    return union_all(*[select(literal(q).label("q")) for q in (1, 2, 3, 4)]).subquery("qq")


def _ceiling_in_force(shown, qq, *keys):
    """Pagu in force at each quarter qq.q: per partner and source of funds, the row of the
    latest quarter reported up to qq.q in the same year (a missed report keeps the known pagu).
    Returns a subquery with partner_id, year, at_q, the `keys` and pagu_rp."""
    latest = (
        select(
            B.partner_id,
            B.fund_source,
            B.year,
            qq.c.q.label("at_q"),
            func.max(B.quarter).label("src_q"),
        )
        .join(qq, B.quarter <= qq.c.q)
        .where(shown)
        .group_by(B.partner_id, B.fund_source, B.year, qq.c.q)
        .subquery()
    )
    return (
        select(
            B.partner_id,
            B.year,
            latest.c.at_q,
            *keys,
            func.sum(B.pagu_rp).label("pagu_rp"),
        )
        .join(
            latest,
            (latest.c.partner_id == B.partner_id)
            & (latest.c.fund_source == B.fund_source)
            & (latest.c.year == B.year)
            & (latest.c.src_q == B.quarter),
        )
        .where(shown)
        .group_by(B.partner_id, B.year, latest.c.at_q, *keys)
        .subquery()
    )


@guarded("own", cached=True)
def budget_by_quarter(
    *,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
    verified_only: bool = False,
    through: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Budget of the selected partners through the quarters of every year with data, up to
    and including the quarter `through` (year, quarter) when given: a page of a period
    shows nothing after it.

    The figures at a quarter are those budget_by_partner gives for that quarter, summed, so
    the last point of a year equals the year's headline serapan. A year's quarters run
    through the last one in which any selected partner reported a budget.

    Columns: year, quarter: int; pagu_rp: int, Rupiah, annual ceilings in force at the
    quarter (a partner that missed the quarter keeps its latest reported ceiling);
    realisasi_rp: int, Rupiah, spent during that quarter alone; realisasi_cum_rp: int,
    Rupiah, spent from TW I through the quarter; partners_reported: int, partners with a
    budget row for the quarter.
    """
    shown = visible(B, verified_only)
    chosen = {"partner_type": partner_type, "province": province, "partner_id": partner_id}
    qq = _quarters()
    pagu, spent = _quarter_pagu(shown, qq, chosen), _quarter_spent(shown, qq, chosen)
    last = (
        select(spent.c.year, func.max(spent.c.q).label("last_q"))
        .where(spent.c.n > 0)
        .group_by(spent.c.year)
        .subquery()
    )
    stmt = (
        select(
            spent.c.year,
            spent.c.q,
            func.coalesce(pagu.c.pagu, 0),
            spent.c.in_q,
            spent.c.cum,
            spent.c.n,
        )
        .join(last, (last.c.year == spent.c.year) & (spent.c.q <= last.c.last_q))
        .outerjoin(pagu, (pagu.c.year == spent.c.year) & (pagu.c.q == spent.c.q))
        .order_by(spent.c.year, spent.c.q)
    )
    if through is not None:
        year, quarter = through
        stmt = stmt.where((spent.c.year < year) | ((spent.c.year == year) & (spent.c.q <= quarter)))
    return frame(
        stmt,
        ["year", "quarter", "pagu_rp", "realisasi_rp", "realisasi_cum_rp", "partners_reported"],
    )


def _quarter_pagu(shown, qq, chosen: dict):
    """Per year and quarter: the selected partners' ceilings in force, summed."""
    ceiling = _ceiling_in_force(shown, qq)
    pagu = (
        by_partner(
            select(
                ceiling.c.year, ceiling.c.at_q.label("q"), func.sum(ceiling.c.pagu_rp).label("pagu")
            ),
            ceiling.c.partner_id,
            **chosen,
        )
        .group_by(ceiling.c.year, ceiling.c.at_q)
        .subquery()
    )
    return pagu


def _quarter_spent(shown, qq, chosen: dict):
    """Per year and quarter: realisasi in the quarter and through it, partners reporting."""
    spent = (
        by_partner(
            select(
                B.year,
                qq.c.q,
                func.sum(case((B.quarter == qq.c.q, B.realisasi_rp), else_=0)).label("in_q"),
                func.sum(B.realisasi_rp).label("cum"),
                func.count(func.distinct(case((B.quarter == qq.c.q, B.partner_id)))).label("n"),
            )
            .join(qq, B.quarter <= qq.c.q)
            .where(shown),
            B.partner_id,
            **chosen,
        )
        .group_by(B.year, qq.c.q)
        .subquery()
    )
    return spent


@guarded("staff", cached=True)
def budget_by_source(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Budget by source of funds for `year` through `quarter`.

    Columns: fund_source: str (APBD | APBN | INSTITUSI); pagu_rp: int, Rupiah, in force in
    `quarter` (a partner that missed it keeps its latest reported ceiling, as in
    budget_by_partner); realisasi_rp: int, Rupiah, spent TW I through `quarter`.
    """
    shown = visible(B, verified_only)
    qq = _quarters()
    ceiling = _ceiling_in_force(shown, qq, B.fund_source)
    pagu = (
        by_partner(
            select(ceiling.c.fund_source, func.sum(ceiling.c.pagu_rp).label("pagu")),
            ceiling.c.partner_id,
            partner_type=partner_type,
            province=province,
        )
        .where(ceiling.c.year == year, ceiling.c.at_q == quarter)
        .group_by(ceiling.c.fund_source)
        .subquery()
    )
    spent = (
        by_partner(
            select(B.fund_source, func.sum(B.realisasi_rp).label("spent")),
            B.partner_id,
            partner_type=partner_type,
            province=province,
        )
        .where(B.year == year, B.quarter <= quarter, shown)
        .group_by(B.fund_source)
        .subquery()
    )
    stmt = (
        select(spent.c.fund_source, func.coalesce(pagu.c.pagu, 0), spent.c.spent)
        .outerjoin(pagu, pagu.c.fund_source == spent.c.fund_source)
        .order_by(spent.c.fund_source)
    )
    return frame(stmt, ["fund_source", "pagu_rp", "realisasi_rp"])


@guarded("peers", cached=True)
def training_by_partner(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Trainees of each partner for `year` through `quarter` (every partner, zeros if none).

    Columns: partner_id: int; code, short_name, partner_type, province: str; registered,
    graduated, certified, placed: int, people; cost_rp: int, Rupiah.
    """
    cohorts = (
        select(
            C.partner_id,
            func.sum(C.registered).label("registered"),
            func.sum(C.graduated).label("graduated"),
            func.sum(C.certified).label("certified"),
            func.sum(C.placed).label("placed"),
            func.sum(C.cost_rp).label("cost_rp"),
        )
        .where(C.year == year, C.quarter <= quarter)
        .where(visible(C, verified_only))
        .group_by(C.partner_id)
        .subquery()
    )
    values = ["registered", "graduated", "certified", "placed", "cost_rp"]
    stmt = _partners_base().add_columns(*[func.coalesce(cohorts.c[v], 0) for v in values])
    stmt = stmt.outerjoin(cohorts, cohorts.c.partner_id == m.Partner.id).order_by(m.Partner.id)
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    return frame(stmt, [*PARTNER_NAMES, *values])


@guarded("own", cached=True)
def cohorts_by_destination(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Trainees by destination country and sector for `year` through `quarter`.

    Columns: destination, sector: str; cohorts: int; registered, graduated, certified,
    placed: int, people; cost_rp: int, Rupiah.
    """
    stmt = (
        select(
            C.destination,
            C.sector,
            func.count(),
            func.sum(C.registered),
            func.sum(C.graduated),
            func.sum(C.certified),
            func.sum(C.placed),
            func.sum(C.cost_rp),
        )
        .where(C.year == year, C.quarter <= quarter)
        .where(visible(C, verified_only))
        .group_by(C.destination, C.sector)
        .order_by(func.sum(C.graduated).desc(), C.destination, C.sector)
    )
    stmt = by_partner(
        stmt, C.partner_id, partner_type=partner_type, province=province, partner_id=partner_id
    )
    columns = ["destination", "sector", "cohorts", "registered", "graduated", "certified", "placed"]
    return frame(stmt, [*columns, "cost_rp"])
