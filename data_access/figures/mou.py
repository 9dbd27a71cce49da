"""Reads about MoUs, implementing agreements (PKS) and follow-through deliverables."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import case, func, select

from data_access import models as m
from data_access.store.access import guarded
from data_access.store.query import PARTNER_COLUMNS, PARTNER_NAMES, filter_partners, frame

D = m.Deliverable


@guarded("own", cached=True)
def mou_registry(
    *,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
) -> pd.DataFrame:
    """Every MoU with its partner, dates and counts, newest partner order by name.

    Columns: mou_id: int; number: str; partner_id: int; code, short_name, partner_type,
    province: str; signed_on, valid_until: date; renewed: bool (a newer MoU replaced it);
    scopes: int, scope areas covered (of 5); pks_count: int, implementing agreements.
    """
    pks = select(m.Pks.mou_id, func.count().label("n")).group_by(m.Pks.mou_id).subquery()
    scopes = (
        select(m.MouScope.mou_id, func.count().label("n")).group_by(m.MouScope.mou_id).subquery()
    )
    stmt = (
        select(m.Mou.id, m.Mou.number, *PARTNER_COLUMNS)
        .add_columns(
            m.Mou.signed_on,
            m.Mou.valid_until,
            m.Mou.renewed_by_id.is_not(None),
            func.coalesce(scopes.c.n, 0),
            func.coalesce(pks.c.n, 0),
        )
        .join(m.Partner, m.Mou.partner_id == m.Partner.id)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .outerjoin(pks, pks.c.mou_id == m.Mou.id)
        .outerjoin(scopes, scopes.c.mou_id == m.Mou.id)
        .order_by(m.Partner.partner_type.desc(), m.Partner.short_name, m.Mou.signed_on)
    )
    stmt = filter_partners(
        stmt, partner_type=partner_type, province=province, partner_id=partner_id
    )
    columns = ["mou_id", "number", *PARTNER_NAMES, "signed_on", "valid_until", "renewed"]
    out = frame(stmt, [*columns, "scopes", "pks_count"])
    out["renewed"] = out["renewed"].astype(bool)
    return out


@guarded("own", cached=True)
def pks_list(
    *,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
) -> pd.DataFrame:
    """Every implementing agreement (PKS).

    Columns: number: str; mou_number: str; partner_id: int; code, short_name, partner_type,
    province: str; title: str; scope_code: str; signed_on, valid_until: date.
    """
    stmt = (
        select(m.Pks.number, m.Mou.number, *PARTNER_COLUMNS)
        .add_columns(m.Pks.title, m.Pks.scope_code, m.Pks.signed_on, m.Pks.valid_until)
        .join(m.Mou, m.Pks.mou_id == m.Mou.id)
        .join(m.Partner, m.Mou.partner_id == m.Partner.id)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .order_by(m.Partner.short_name, m.Pks.signed_on)
    )
    stmt = filter_partners(
        stmt, partner_type=partner_type, province=province, partner_id=partner_id
    )
    columns = ["number", "mou_number", *PARTNER_NAMES, "title", "scope_code", "signed_on"]
    return frame(stmt, [*columns, "valid_until"])


@guarded("peers", cached=True)
def deliverables_matrix(
    *, as_of: date, partner_type: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """Follow-through per partner and scope area, as it stood on `as_of`.

    An item counts as done when completed on or before `as_of`.
    Columns: partner_id: int; code, short_name, partner_type, province: str; scope_code: str;
    items: int; done: int; overdue: int, not done and due before `as_of`.
    """
    done = (D.completed_on.is_not(None)) & (D.completed_on <= as_of)
    stmt = (
        select(*PARTNER_COLUMNS)
        .add_columns(
            D.scope_code,
            func.count(),
            func.sum(case((done, 1), else_=0)),
            func.sum(case((~done & (D.due_on < as_of), 1), else_=0)),
        )
        .join(m.Partner, D.partner_id == m.Partner.id)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .group_by(*PARTNER_COLUMNS, D.scope_code)
        .order_by(m.Partner.id, D.scope_code)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    return frame(stmt, [*PARTNER_NAMES, "scope_code", "items", "done", "overdue"])


@guarded("own", cached=True)
def deliverables_of_partner(*, partner_id: int) -> pd.DataFrame:
    """Every follow-through item of one partner.

    Columns: scope_code, kind: str; status: 'selesai' | 'proses' | 'belum'; due_on: date;
    completed_on: date or None; evidence_note: str.
    """
    stmt = (
        select(D.scope_code, D.kind, D.status, D.due_on, D.completed_on, D.evidence_note)
        .where(D.partner_id == partner_id)
        .order_by(D.scope_code, D.kind)
    )
    return frame(stmt, ["scope_code", "kind", "status", "due_on", "completed_on", "evidence_note"])
