"""Reads about yearly outcomes: placements, complaints, non-procedural departures, returns;
and the yearly participants and trainees a partner publishes beside its quarterly figures."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access import models as m
from data_access.access import guarded
from data_access.db import get_engine
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
    placements, complaints, nonprocedural_prevented, returns_facilitated: int, people/cases;
    socialization_participants, trainees: Int64, the year's figure as the partner published
    it (NA when it published none; never part of the quarterly figures).
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
            OUT.socialization_participants,
            OUT.trainees,
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
    columns = ["year", "placements", "complaints", "nonprocedural_prevented", "returns_facilitated",
               *YEARLY]  # fmt: skip
    out = frame(stmt, [*PARTNER_NAMES, *columns])
    return out.astype({c: "Int64" for c in YEARLY})


YEARLY = ["socialization_participants", "trainees"]


@guarded("own")
def yearly_beside_quarterly(
    *, partner_id: int, years: tuple[int, ...], verified_only: bool = False
) -> pd.DataFrame:
    """One partner's socialization participants and trainees per year, both as its quarterly
    figures add up and as it published them for the whole year.

    Columns (one row per year asked, ascending): year: int; participants_quarterly: int
    (both sexes, events and quarter totals as counted everywhere else); participants_quarters:
    int, quarters with socialization figures; trainees_quarterly: int (registered, all
    programmes); trainees_quarters: int; participants_yearly, trainees_yearly: Int64 (NA when
    not published).
    """
    SQ, C = m.SocializationQuarter, m.TrainingCohort

    def summed(table, value):
        stmt = (
            select(table.year, func.sum(value), func.count(func.distinct(table.quarter)))
            .where(table.partner_id == partner_id, table.year.in_(years))
            .where(visible(table, verified_only))
            .group_by(table.year)
        )
        return {year: (int(total), quarters) for year, total, quarters in _rows(stmt)}

    participants = summed(SQ, SQ.participants_male + SQ.participants_female)
    trainees = summed(C, C.registered)
    published = {
        year: (people, trained)
        for year, people, trained in _rows(
            select(OUT.year, OUT.socialization_participants, OUT.trainees)
            .where(OUT.partner_id == partner_id, OUT.year.in_(years))
            .where(visible(OUT, verified_only, quarter=4))
        )
    }
    rows = [
        (year, *participants.get(year, (0, 0)), *trainees.get(year, (0, 0)),
         *published.get(year, (None, None)))
        for year in sorted(years)
    ]  # fmt: skip
    columns = ["year", "participants_quarterly", "participants_quarters", "trainees_quarterly",
               "trainees_quarters", "participants_yearly", "trainees_yearly"]  # fmt: skip
    out = pd.DataFrame.from_records(rows, columns=columns, nrows=len(rows))
    return out.astype({c: "int64" for c in columns[:5]} | {c: "Int64" for c in columns[5:]})


def _rows(stmt) -> list:
    with get_engine().connect() as conn:
        return conn.execute(stmt).all()
