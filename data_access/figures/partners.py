"""Reads about partners, regions and the data set itself."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import func, select, union

from data_access import models as m
from data_access.store.access import guarded
from data_access.store.db import get_engine
from data_access.store.query import filter_partners, frame


@guarded("public", cached=True)
def dataset_info() -> dict:
    """{'is_demo': bool, 'as_of': date | None, 'source': str} of the loaded data."""
    with get_engine().connect() as conn:
        values = dict(conn.execute(select(m.DatasetInfo.key, m.DatasetInfo.value)).all())
    as_of = values.get("as_of")
    return {
        "is_demo": values.get("is_demo") == "1",
        "as_of": date.fromisoformat(as_of) if as_of else None,
        "source": values.get("source", ""),
    }


@guarded("public", cached=True)
def filter_options() -> dict:
    """{'years': [int, ...] ascending, 'provinces': [str, ...] sorted} present in the data."""
    years = union(
        select(m.TrainingBudget.year),
        select(m.SocializationEvent.year),
        select(m.SocializationTotal.year),
        select(m.PartnerOutcome.year),
    ).subquery()
    provinces = (
        select(m.Region.province)
        .join(m.Partner, m.Partner.region_id == m.Region.id)
        .distinct()
        .order_by(m.Region.province)
    )
    with get_engine().connect() as conn:
        year_list = sorted(conn.execute(select(years.c[0])).scalars())
        province_list = list(conn.execute(provinces).scalars())
    return {"years": year_list, "provinces": province_list}


@guarded("peers", cached=True)
def list_partners(*, partner_type: str | None = None, province: str | None = None) -> pd.DataFrame:
    """One row per partner, ordered by type then name.

    Columns: partner_id: int; code: str (Kemendagri code for regions, short code for
    institutions); name, short_name: str; partner_type: 'pemda' | 'lembaga_pendidikan';
    province, region_name: str; kemendagri_code, bps_code: str (of the partner's region);
    lat, lon: float, degrees; villages_total: int, desa + kelurahan of the region (0 for
    institutions, whose coverage is not measured).
    """
    villages = (
        select(m.Village.region_id, func.count().label("n"))
        .group_by(m.Village.region_id)
        .subquery()
    )
    stmt = (
        select(
            m.Partner.id,
            m.Partner.code,
            m.Partner.name,
            m.Partner.short_name,
            m.Partner.partner_type,
            m.Region.province,
            m.Region.name,
            m.Region.kemendagri_code,
            m.Region.bps_code,
            m.Partner.lat,
            m.Partner.lon,
            func.coalesce(villages.c.n, 0),
        )
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .outerjoin(
            villages, (villages.c.region_id == m.Region.id) & (m.Partner.partner_type == "pemda")
        )
        .order_by(m.Partner.partner_type.desc(), m.Partner.short_name)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    columns = [
        "partner_id",
        "code",
        "name",
        "short_name",
        "partner_type",
        "province",
        "region_name",
        "kemendagri_code",
        "bps_code",
        "lat",
        "lon",
        "villages_total",
    ]
    return frame(stmt, columns)
