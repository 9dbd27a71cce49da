"""Shared pieces of the read functions: partner filters and running a statement into a frame."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select

from data_access import models as m
from data_access.db import get_engine


def filter_partners(
    stmt: Select,
    *,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
) -> Select:
    """Restrict a statement that already joins Partner and Region."""
    if partner_type:
        stmt = stmt.where(m.Partner.partner_type == partner_type)
    if province:
        stmt = stmt.where(m.Region.province == province)
    if partner_id is not None:
        stmt = stmt.where(m.Partner.id == partner_id)
    return stmt


def frame(stmt: Select, columns: list[str]) -> pd.DataFrame:
    """Run `stmt` and return its rows as a frame with exactly `columns`."""
    with get_engine().connect() as conn:
        rows = conn.execute(stmt).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


PARTNER_COLUMNS = [
    m.Partner.id.label("partner_id"),
    m.Partner.code,
    m.Partner.short_name,
    m.Partner.partner_type,
    m.Region.province,
]
PARTNER_NAMES = ["partner_id", "code", "short_name", "partner_type", "province"]
