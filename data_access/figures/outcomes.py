"""Reads about yearly outcomes: placements, complaints, non-procedural departures, returns;
and the yearly participants, trainees and spending a partner publishes beside its quarterly
figures."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access import models as m
from data_access.store.access import guarded
from data_access.store.db import get_engine
from data_access.store.query import PARTNER_COLUMNS, PARTNER_NAMES, filter_partners, frame
from data_access.store.visibility import visible

OUT = m.PartnerOutcome
YEARLY = ["socialization_participants", "trainees", "budget_spent_rp"]


@guarded("own", cached=True)
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
    socialization_participants, trainees, budget_spent_rp: Int64, the year's figure as the
    partner published it (NA when it published none; never part of the quarterly figures).
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
            *[getattr(OUT, c) for c in YEARLY],
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


def _quarterly(measure: str):
    """The table and the sum of a measure's quarterly figures that its yearly figure
    compares with: participants of both sexes (events and quarter totals, as counted on every
    page), registered trainees of all programmes, realisasi of every fund source."""
    SQ, C, B = m.SocializationQuarter, m.TrainingCohort, m.TrainingBudget
    return {
        "socialization_participants": (SQ, SQ.participants_male + SQ.participants_female),
        "trainees": (C, C.registered),
        "budget_spent_rp": (B, B.realisasi_rp),
    }[measure]


@guarded("own", cached=True)
def yearly_beside_quarterly(
    *, partner_id: int, years: tuple[int, ...], verified_only: bool = False
) -> pd.DataFrame:
    """One partner's yearly figures (socialization participants, trainees, training spending)
    both as its quarterly reports add up and as it published them for the whole year.

    Columns, a row per year asked (ascending) and measure (in YEARLY's order): year: int;
    measure: str, one of YEARLY; quarterly: int, the sum of the quarterly figures (0 without
    any); quarters: int, quarters with figures of the measure; published: Int64, the year's
    figure as published (NA when not published).
    """
    found: dict[tuple, tuple] = {}
    for measure in YEARLY:
        table, value = _quarterly(measure)
        stmt = (
            select(table.year, func.sum(value), func.count(func.distinct(table.quarter)))
            .where(table.partner_id == partner_id, table.year.in_(years))
            .where(visible(table, verified_only))
            .group_by(table.year)
        )
        for year, total, quarters in _rows(stmt):
            found[(year, measure)] = (int(total), quarters)
    published = {
        row.year: row
        for row in _rows(
            select(OUT.year, *[getattr(OUT, c) for c in YEARLY])
            .where(OUT.partner_id == partner_id, OUT.year.in_(years))
            .where(visible(OUT, verified_only, quarter=4))
        )
    }
    rows = [
        (
            year,
            measure,
            *found.get((year, measure), (0, 0)),
            getattr(published[year], measure) if year in published else None,
        )
        for year in sorted(years)
        for measure in YEARLY
    ]
    columns = ["year", "measure", "quarterly", "quarters", "published"]
    out = pd.DataFrame.from_records(rows, columns=columns, nrows=len(rows))
    return out.astype(
        {"year": "int64", "quarterly": "int64", "quarters": "int64", "published": "Int64"}
    )


def _rows(stmt) -> list:
    with get_engine().connect() as conn:
        return conn.execute(stmt).all()
