"""Reads of self-assessments and follow-up plans: one partner's assessment, the overview,
levels over the years, and the plans."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import case, select

from data_access import models as m
from data_access.assessment.assessment_rules import _current
from data_access.store.access import guarded
from data_access.store.db import get_engine
from data_access.store.query import (
    PARTNER_COLUMNS,
    PARTNER_NAMES,
    by_partner,
    filter_partners,
    frame,
)

A, Item, E, P = m.Assessment, m.AssessmentItem, m.AssessmentEvent, m.FollowUpPlan


HEADER = [
    "assessment_id",
    "status",
    "version",
    "instrument_version",
    "updated_at",
    "updated_by",
    "submitted_at",
    "decided_at",
    "decided_by",
    "decision_note",
]
ITEMS = [
    "indicator_code",
    "self_level",
    "evidence_text",
    "evidence_link",
    "comment",
    "verified_level",
    "review",
    "verifier_note",
]


@guarded("own")
def assessment_detail(*, partner_id: int, year: int) -> dict:
    """One partner's assessment of `year`.

    Keys: header: dict with assessment_id, status, version, instrument_version, updated_at,
    updated_by, submitted_at, decided_at, decided_by, decision_note; or None when nothing is
    saved yet. items: frame with indicator_code: str; self_level: int or NA (0–4);
    evidence_text, evidence_link, comment: str; verified_level: int or NA; review: 'pending' |
    'accepted' | 'adjusted'; verifier_note: str. history: frame with at: datetime; actor: str;
    from_status: str or None; to_status, note: str; oldest first.
    """
    with get_engine().connect() as conn:
        row = _current(conn, partner_id, year)
    if row is None:
        return {
            "header": None,
            "items": pd.DataFrame(columns=ITEMS),
            "history": pd.DataFrame(columns=["at", "actor", "from_status", "to_status", "note"]),
        }
    header = {"assessment_id": row.id, **{c: getattr(row, c) for c in HEADER[1:]}}
    items = frame(
        select(*[getattr(Item, c) for c in ITEMS])
        .where(Item.assessment_id == row.id)
        .order_by(Item.indicator_code),
        ITEMS,
    )
    for column in ("self_level", "verified_level"):
        items[column] = items[column].astype("Int64")
    history = frame(
        select(E.at, E.actor, E.from_status, E.to_status, E.note)
        .where(E.assessment_id == row.id)
        .order_by(E.at, E.id),
        ["at", "actor", "from_status", "to_status", "note"],
    )
    return {"header": header, "items": items, "history": history}


@guarded("peers")
def assessment_overview(
    *, year: int, partner_type: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """Every partner with the state of its assessment of `year`, ordered by type then code.

    Columns: partner_id: int; code, short_name, partner_type, province: str; status: 'draft' |
    'submitted' | 'returned' | 'approved', or None when nothing is saved; version: int or NA;
    updated_at, submitted_at, decided_at: datetime or NaT.
    """
    stmt = (
        select(*PARTNER_COLUMNS, A.status, A.version, A.updated_at, A.submitted_at, A.decided_at)
        .select_from(m.Partner)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .outerjoin(A, (A.partner_id == m.Partner.id) & (A.year == year))
        .order_by(m.Partner.partner_type.desc(), m.Partner.id)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    out = frame(
        stmt, [*PARTNER_NAMES, "status", "version", "updated_at", "submitted_at", "decided_at"]
    )
    out["version"] = out["version"].astype("Int64")
    return out


@guarded("peers")
def assessment_levels(*, years: tuple[int, ...]) -> pd.DataFrame:
    """Item levels of every saved assessment in `years`.

    Columns: partner_id: int; partner_type, short_name: str; year: int; status: str;
    indicator_code: str; self_level, verified_level: int or NA (0–4; NA while the item
    waits for review, also when it holds an earlier round's finding).
    """
    stmt = by_partner(
        select(
            A.partner_id,
            m.Partner.partner_type,
            m.Partner.short_name,
            A.year,
            A.status,
            Item.indicator_code,
            Item.self_level,
            case((Item.review == "pending", None), else_=Item.verified_level),
        )
        .join(Item, Item.assessment_id == A.id)
        .where(A.year.in_(years)),
        A.partner_id,
    ).order_by(A.year, A.partner_id, Item.indicator_code)
    out = frame(
        stmt,
        [
            "partner_id",
            "partner_type",
            "short_name",
            "year",
            "status",
            "indicator_code",
            "self_level",
            "verified_level",
        ],
    )
    for column in ("self_level", "verified_level"):
        out[column] = out[column].astype("Int64")
    return out


PLAN_COLUMNS = [
    "plan_id",
    "partner_id",
    "code",
    "short_name",
    "year",
    "indicator_code",
    "action",
    "owner",
    "due_on",
    "status",
    "version",
    "updated_at",
    "updated_by",
]


@guarded("own")
def followup_plans(*, year: int | None = None, partner_id: int | None = None) -> pd.DataFrame:
    """Follow-up plans, by partner then due date.

    Columns: plan_id, partner_id: int; code, short_name: str; year: int; indicator_code,
    action, owner: str; due_on: date; status: 'rencana' | 'berjalan' | 'selesai' | 'batal';
    version: int; updated_at: datetime; updated_by: str.
    """
    stmt = by_partner(
        select(
            P.id,
            P.partner_id,
            m.Partner.code,
            m.Partner.short_name,
            P.year,
            P.indicator_code,
            P.action,
            P.owner,
            P.due_on,
            P.status,
            P.version,
            P.updated_at,
            P.updated_by,
        ),
        P.partner_id,
        partner_id=partner_id,
    )
    if year is not None:
        stmt = stmt.where(P.year == year)
    return frame(stmt.order_by(m.Partner.id, P.due_on, P.id), PLAN_COLUMNS)
