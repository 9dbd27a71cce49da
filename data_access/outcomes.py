"""Reads about yearly outcomes: placements, complaints, non-procedural departures, returns."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data_access import models as m
from data_access.access import guarded
from data_access.query import PARTNER_COLUMNS, PARTNER_NAMES, filter_partners, frame
from data_access.visibility import visible

OUT = m.PartnerOutcome


@guarded("own")
def outcomes_by_partner(
    *,
    years: tuple[int, ...],
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Outcomes of each partner in the given years.

    Columns: partner_id: int; code, short_name, partner_type, province: str; year: int;
    placements, complaints, nonprocedural_prevented, returns_facilitated: int, people/cases.
    Yearly figures go with the TW IV report and are shown as that report is.
    """
    stmt = (
        select(*PARTNER_COLUMNS)
        .add_columns(
            OUT.year,
            OUT.placements,
            OUT.complaints,
            OUT.nonprocedural_prevented,
            OUT.returns_facilitated,
        )
        .join(m.Partner, OUT.partner_id == m.Partner.id)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .where(OUT.year.in_(years))
        .where(visible(OUT, verified_only, quarter=4))
        .order_by(m.Partner.id, OUT.year)
    )
    stmt = filter_partners(
        stmt, partner_type=partner_type, province=province, partner_id=partner_id
    )
    columns = ["year", "placements", "complaints", "nonprocedural_prevented", "returns_facilitated"]
    return frame(stmt, [*PARTNER_NAMES, *columns])
