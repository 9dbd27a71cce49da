"""Reads for the home pages: a partner's reports, self-assessment and follow-up plans that
need it, and what waits for a verifier's decision."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import literal, or_, select, union_all

from core.figures.completeness import load_rules
from core.figures.periods import last_ended, quarter_of
from data_access import models as m
from data_access.store.access import guarded
from data_access.store.db import get_engine
from data_access.store.query import frame

S, A, P = m.Submission, m.Assessment, m.FollowUpPlan
PLAN_WINDOW_DAYS = 30  # plans due within this many days are listed (and every late one)


@guarded("own")
def partner_home(*, partner_id: int, as_of: date) -> dict[str, pd.DataFrame]:
    """What one partner has to do on `as_of`.

    Keys and columns: 'reports': the report that is due (the last quarter that has ended),
    the quarter in progress, and any other quarter whose report was returned or reopened —
    year, quarter: int; status: 'none' | 'draft' | 'returned' | 'submitted' | 'approved';
    due_on: date; note: str (the verifier's note of a returned report, else ''). 'assessment':
    one row for `as_of`'s year — year: int; status (as above, 'none' when not started); note:
    str (the note of a returned assessment). 'plans': follow-up plans due by `as_of` + 30
    days — plan_id, year: int; indicator_code, action: str; due_on: date; status: str.
    """
    rules = load_rules()
    due, current = last_ended(as_of), quarter_of(as_of)
    with get_engine().connect() as conn:
        rows = conn.execute(
            select(S.year, S.quarter, S.status, S.note).where(
                S.partner_id == partner_id,
                or_(
                    (S.year == due.year) & (S.quarter == due.quarter),
                    (S.year == current.year) & (S.quarter == current.quarter),
                    S.status.in_(("returned", "draft")),
                ),
            )
        ).all()
        assessment = conn.execute(
            select(A.status, A.decision_note).where(
                A.partner_id == partner_id, A.year == as_of.year
            )
        ).first()
    found = {(r.year, r.quarter): (r.status, r.note or "") for r in rows}
    for period in (due, current):
        found.setdefault((period.year, period.quarter), ("none", ""))
    reports = pd.DataFrame(
        [
            (year, quarter, status, rules.due(year, quarter), note if status == "returned" else "")
            for (year, quarter), (status, note) in sorted(found.items())
        ],
        columns=["year", "quarter", "status", "due_on", "note"],
    )
    status, note = (
        (assessment.status, assessment.decision_note or "") if assessment else ("none", "")
    )
    plans = frame(
        select(P.id, P.year, P.indicator_code, P.action, P.due_on, P.status)
        .where(P.partner_id == partner_id, P.status.in_(("rencana", "berjalan")))
        .where(P.due_on <= as_of + timedelta(days=PLAN_WINDOW_DAYS))
        .order_by(P.due_on, P.id),
        ["plan_id", "year", "indicator_code", "action", "due_on", "status"],
    )
    return {
        "reports": reports,
        "assessment": pd.DataFrame(
            [(as_of.year, status, note if status == "returned" else "")],
            columns=["year", "status", "note"],
        ),
        "plans": plans,
    }


@guarded("staff")
def waiting_decisions() -> pd.DataFrame:
    """Quarterly reports and self-assessments sent and waiting for a verifier.

    Columns: kind: 'report' | 'assessment'; partner_id: int; code, short_name: str; year: int;
    quarter: Int64 (NA for an assessment); submitted_at: datetime.
    """
    partner = (m.Partner.code, m.Partner.short_name)
    reports = (
        select(
            literal("report").label("kind"),
            S.partner_id,
            *partner,
            S.year,
            S.quarter,
            S.submitted_at,
        )
        .join(m.Partner, m.Partner.id == S.partner_id)
        .where(S.status == "submitted")
    )
    assessments = (
        select(
            literal("assessment").label("kind"),
            A.partner_id,
            *partner,
            A.year,
            literal(None).label("quarter"),
            A.submitted_at,
        )
        .join(m.Partner, m.Partner.id == A.partner_id)
        .where(A.status == "submitted")
    )
    both = union_all(reports, assessments).subquery()
    stmt = select(both).order_by(both.c.submitted_at, both.c.partner_id)
    out = frame(
        stmt, ["kind", "partner_id", "code", "short_name", "year", "quarter", "submitted_at"]
    )
    return out.astype({"quarter": "Int64"})
