"""Which quarters hold figures, and how many partners reported each: the ground for the
default period and for saying how complete a period is."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select, union

from data_access import models as m
from data_access.store.access import guarded
from data_access.store.db import get_engine
from data_access.store.query import by_partner, filter_partners
from data_access.store.visibility import visible


@guarded("peers", cached=True)
def reporting_by_quarter(
    *,
    partner_type: str | None = None,
    province: str | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Every quarter with counted figures (budget, training or socialization) of the
    selected partners, oldest first.

    Columns: year, quarter: int; partners_reported: int, partners with counted figures of
    that quarter (drafts and returned reports, and submitted ones with `verified_only`, do
    not count); partners_total: int, the selected partners.
    """
    keys = union(
        *[
            select(t.partner_id, t.year, t.quarter, t.layer).distinct()
            for t in (
                m.TrainingBudget,
                m.TrainingCohort,
                m.SocializationEvent,
                m.SocializationTotal,
            )
        ]
    ).subquery()
    counted = by_partner(
        select(keys.c.year, keys.c.quarter, func.count(func.distinct(keys.c.partner_id))),
        keys.c.partner_id,
        partner_type=partner_type,
        province=province,
    )
    counted = (
        counted.where(visible(keys.c, verified_only))
        .group_by(keys.c.year, keys.c.quarter)
        .order_by(keys.c.year, keys.c.quarter)
    )
    total = filter_partners(
        select(func.count(m.Partner.id)).join(m.Region, m.Partner.region_id == m.Region.id),
        partner_type=partner_type,
        province=province,
    )
    with get_engine().connect() as conn:
        rows = conn.execute(counted).all()
        partners = int(conn.execute(total).scalar_one())
    out = pd.DataFrame.from_records(
        rows, columns=["year", "quarter", "partners_reported"], nrows=len(rows)
    ).astype("int64")
    out["partners_total"] = partners
    return out
