"""Reads about partners' quarterly reports: their state, history, what they hold, and how
many wait for a verifier."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access import models as m
from data_access.store.access import guarded
from data_access.store.db import get_engine
from data_access.store.query import PARTNER_COLUMNS, PARTNER_NAMES, filter_partners, frame

S, SE = m.Submission, m.SubmissionEvent


OVERVIEW = ["quarter", "status", "version", "submitted_at", "decided_at", "note"]


@guarded("peers")
def submission_overview(
    *, year: int, partner_type: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """Every partner and quarter of `year` with a report, and the report's state.

    Columns: partner_id: int; code, short_name, partner_type, province: str; quarter: int;
    status: 'draft' | 'submitted' | 'returned' | 'approved'; version: int; submitted_at,
    decided_at: datetime or NaT; note: str (the last decision's note or reason).
    """
    stmt = (
        select(
            *PARTNER_COLUMNS, S.quarter, S.status, S.version, S.submitted_at, S.decided_at, S.note
        )
        .join(m.Partner, S.partner_id == m.Partner.id)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .where(S.year == year)
        .order_by(m.Partner.id, S.quarter)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    return frame(stmt, [*PARTNER_NAMES, *OVERVIEW])


@guarded("own")
def submission_history(*, partner_id: int, year: int, quarter: int) -> pd.DataFrame:
    """Status changes of one report, oldest first.

    Columns: at: datetime; actor: str; from_status: str or None; to_status, note: str.
    """
    stmt = (
        select(SE.at, SE.actor, SE.from_status, SE.to_status, SE.note)
        .join(S, S.id == SE.submission_id)
        .where(S.partner_id == partner_id, S.year == year, S.quarter == quarter)
        .order_by(SE.at, SE.id)
    )
    return frame(stmt, ["at", "actor", "from_status", "to_status", "note"])


@guarded("peers", cached=True)
def unverified_reports(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
) -> int:
    """How many submitted, not yet approved reports of `quarter` of `year` or before it
    (earlier years too: cumulative figures and comparisons with last year hold them) for
    the selected partners, or for one partner (their figures are in the default views)."""
    stmt = (
        select(func.count())
        .select_from(S)
        .join(m.Partner, S.partner_id == m.Partner.id)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .where((S.year < year) | ((S.year == year) & (S.quarter <= quarter)))
        .where(S.status == "submitted")
    )
    stmt = filter_partners(
        stmt, partner_type=partner_type, province=province, partner_id=partner_id
    )
    with get_engine().connect() as conn:
        return int(conn.execute(stmt).scalar_one())
