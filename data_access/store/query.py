"""Shared pieces of the read functions: partner filters and running a statement into a frame."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
from sqlalchemy import Select

from data_access import models as m
from data_access.store.db import get_engine


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


def by_partner(stmt: Select, partner_id_column, **filters) -> Select:
    """Join a fact table's statement to Partner and Region (through `partner_id_column`) and
    apply the partner filters."""
    stmt = stmt.join(m.Partner, partner_id_column == m.Partner.id).join(
        m.Region, m.Partner.region_id == m.Region.id
    )
    return filter_partners(stmt, **filters)


def frame(stmt: Select, columns: list[str]) -> pd.DataFrame:
    """Run `stmt` and return its rows as a frame with exactly `columns`.

    PostgreSQL returns SUM of integers as NUMERIC (Decimal); such columns become int64 (or
    float64 where a value has a fraction), so every database gives the same frame.
    """
    with get_engine().connect() as conn:
        rows = conn.execute(stmt).all()
    out = pd.DataFrame.from_records(rows, columns=columns, nrows=len(rows))
    for column in out.columns:
        values = out[column]
        present = values.dropna() if values.dtype == object else values.iloc[0:0]
        if len(present) and isinstance(present.iloc[0], Decimal):
            integral = all(v == v.to_integral_value() for v in values)
            out[column] = values.astype("int64" if integral else "float64")
    return out


PARTNER_COLUMNS = [
    m.Partner.id.label("partner_id"),
    m.Partner.code,
    m.Partner.short_name,
    m.Partner.partner_type,
    m.Region.province,
]
PARTNER_NAMES = ["partner_id", "code", "short_name", "partner_type", "province"]
