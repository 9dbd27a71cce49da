"""Reads about socialization events and the villages they reach."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, func, select

from data_access import models as m
from data_access.figures.summaries import reached_villages, without_events
from data_access.store.access import guarded
from data_access.store.query import (
    PARTNER_COLUMNS,
    PARTNER_NAMES,
    by_partner,
    filter_partners,
    frame,
)
from data_access.store.visibility import visible

E = m.SocializationEvent
V = m.Village
Q = m.SocializationQuarter
R = m.VillageReach
T, TV = m.SocializationTotal, m.SocializationTotalVillage
F = m.VillageFirstReach


def _reach(verified_only: bool):
    """(village reach per year, first reach) as selectables with the columns of
    village_reach and village_first_reach. The derived tables hold what is shown by default;
    approved-only figures are counted from the events and totals themselves."""
    if not verified_only:
        return R.__table__, F.__table__
    rows = reached_villages(verified_only=True)
    reach = (
        select(
            rows.c.partner_id,
            rows.c.village_id,
            rows.c.year,
            func.min(rows.c.quarter).label("first_quarter"),
        )
        .group_by(rows.c.partner_id, rows.c.village_id, rows.c.year)
        .subquery()
    )
    first = (
        select(
            rows.c.partner_id,
            rows.c.village_id,
            func.min(rows.c.year * 4 + rows.c.quarter).label("first_period"),
            func.max(V.pmi_count).label("pmi_count"),
        )
        .join(V, V.id == rows.c.village_id)
        .group_by(rows.c.partner_id, rows.c.village_id)
        .subquery()
    )
    return reach, first


COVERAGE_COLUMNS = [
    "villages_total", "pmi_total", "reached_period", "reached_cumulative",
    "reached_cumulative_pmi", "events", "participants_male", "participants_female",
    "villages_unlisted",
]  # fmt: skip


@guarded("peers", cached=True)
def coverage_by_partner(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Village coverage of each partner for `year` through `quarter`, and since the start.

    Columns: partner_id: int; code, short_name, partner_type, province: str;
    villages_total: int, desa + kelurahan of the partner's region (0 for institutions);
    pmi_total: int, migrant workers originating from those villages;
    reached_period: int, distinct villages with an event in TW I–`quarter` of `year`;
    reached_cumulative: int, distinct villages reached since the first event through
    `quarter` of `year`; reached_cumulative_pmi: int, migrant workers from those villages;
    events: int and participants_male, participants_female: int, people, in the period;
    villages_unlisted: int, villages counted in quarter totals (socialization_total) without
    their codes in the period, summed over its quarters (the same village may be counted in
    several): they are in no reach figure, which counts villages known by code.
    """
    first, reached = _reached(year, quarter, verified_only)
    period = _period_events(year, quarter, verified_only)
    unlisted = _unlisted(year, quarter, verified_only)
    villages = (
        select(V.region_id, func.count().label("n"), func.sum(V.pmi_count).label("pmi"))
        .group_by(V.region_id)
        .subquery()
    )
    is_region = m.Partner.partner_type == "pemda"
    stmt = (
        select(*PARTNER_COLUMNS)
        .add_columns(
            func.coalesce(villages.c.n, 0),
            func.coalesce(villages.c.pmi, 0),
            func.coalesce(reached.c.villages, 0),
            func.coalesce(first.c.cumulative, 0),
            func.coalesce(first.c.cumulative_pmi, 0),
            func.coalesce(period.c.events, 0),
            func.coalesce(period.c.male, 0),
            func.coalesce(period.c.female, 0),
            func.coalesce(unlisted.c.n, 0),
        )
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .outerjoin(villages, (villages.c.region_id == m.Region.id) & is_region)
        .outerjoin(first, first.c.partner_id == m.Partner.id)
        .outerjoin(reached, reached.c.partner_id == m.Partner.id)
        .outerjoin(period, period.c.partner_id == m.Partner.id)
        .outerjoin(unlisted, unlisted.c.partner_id == m.Partner.id)
        .order_by(m.Partner.id)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    return frame(stmt, [*PARTNER_NAMES, *COVERAGE_COLUMNS])


def _reached(year: int, quarter: int, verified_only: bool):
    """Per partner: villages reached since the first event through `quarter` of `year` (and
    their migrant workers), and villages reached in the period."""
    reach, firsts = _reach(verified_only)
    first = (
        select(
            firsts.c.partner_id,
            func.count().label("cumulative"),
            func.sum(firsts.c.pmi_count).label("cumulative_pmi"),
        )
        .where(firsts.c.first_period <= year * 4 + quarter)
        .group_by(firsts.c.partner_id)
        .subquery()
    )
    reached = (
        select(reach.c.partner_id, func.count().label("villages"))
        .where(reach.c.year == year, reach.c.first_quarter <= quarter)
        .group_by(reach.c.partner_id)
        .subquery()
    )
    return first, reached


def _period_events(year: int, quarter: int, verified_only: bool):
    """Per partner: events and participants by sex in TW I–`quarter` of `year`."""
    period = (
        select(
            Q.partner_id,
            func.sum(Q.events).label("events"),
            func.sum(Q.participants_male).label("male"),
            func.sum(Q.participants_female).label("female"),
        )
        .where(Q.year == year, Q.quarter <= quarter)
        .where(visible(Q, verified_only))
        .group_by(Q.partner_id)
        .subquery()
    )
    return period


def _unlisted(year: int, quarter: int, verified_only: bool):
    """Per partner: villages counted in quarter totals without their codes, in the period."""
    listed = (
        select(TV.partner_id, TV.year, TV.quarter, TV.layer, func.count().label("n"))
        .group_by(TV.partner_id, TV.year, TV.quarter, TV.layer)
        .subquery()
    )
    same = [listed.c[c] == getattr(T, c) for c in ("partner_id", "year", "quarter", "layer")]
    unlisted = (
        select(T.partner_id, func.sum(T.villages - func.coalesce(listed.c.n, 0)).label("n"))
        .outerjoin(listed, and_(*same))
        .where(T.year == year, T.quarter <= quarter, visible(T, verified_only))
        .where(without_events(T))
        .group_by(T.partner_id)
        .subquery()
    )
    return unlisted


@guarded("own", cached=True)
def events_by_quarter(
    *,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Socialization per year and quarter, with villages newly reached in that quarter.

    Columns: year, quarter: int; events: int; participants_male, participants_female: int,
    people; villages_new: int, villages reached for the first time (their running sum is the
    cumulative count of villages reached).
    """
    filters = {"partner_type": partner_type, "province": province, "partner_id": partner_id}
    per_quarter = (
        by_partner(
            select(
                Q.year,
                Q.quarter,
                func.sum(Q.events),
                func.sum(Q.participants_male),
                func.sum(Q.participants_female),
            ),
            Q.partner_id,
            **filters,
        )
        .where(visible(Q, verified_only))
        .group_by(Q.year, Q.quarter)
        .order_by(Q.year, Q.quarter)
    )
    quarters = frame(
        per_quarter, ["year", "quarter", "events", "participants_male", "participants_female"]
    )
    _, first = _reach(verified_only)
    firsts = frame(
        by_partner(
            select(first.c.first_period, func.count()), first.c.partner_id, **filters
        ).group_by(first.c.first_period),
        ["p", "villages_new"],
    )
    quarters["p"] = quarters["year"] * 4 + quarters["quarter"]
    out = quarters.merge(firsts, on="p", how="left").drop(columns="p")
    out["villages_new"] = out["villages_new"].fillna(0).astype("int64")
    return out


@guarded("own", cached=True)
def events_by_topic(
    *,
    year: int,
    quarter: int,
    partner_type: str | None = None,
    province: str | None = None,
    partner_id: int | None = None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Events and participants per topic for `year` through `quarter`.

    Columns: topic: str (code); events: int; participants_male, participants_female: int.
    """
    events = func.sum(Q.events)
    stmt = (
        by_partner(
            select(Q.topic, events, func.sum(Q.participants_male), func.sum(Q.participants_female)),
            Q.partner_id,
            partner_type=partner_type,
            province=province,
            partner_id=partner_id,
        )
        .where(Q.year == year, Q.quarter <= quarter)
        .where(visible(Q, verified_only))
        .group_by(Q.topic)
        .order_by(events.desc(), Q.topic)
    )
    return frame(stmt, ["topic", "events", "participants_male", "participants_female"])


@guarded("own", cached=True)
def villages_of_partner(
    *, partner_id: int, year: int, quarter: int, verified_only: bool = False
) -> pd.DataFrame:
    """Every village of a regional partner with its reach through `quarter` of `year`.

    Columns: code, name: str; kind: 'desa' | 'kelurahan'; pmi_count: int, migrant workers
    from the village; events: int, events held there since the start; last_held: date or
    None; in_totals: int, quarters whose socialization totals name the village (counted
    only where the quarter has no events); reached: bool, by an event or named in totals.
    Ordered by pmi_count descending (the villages that send most first).
    """
    upto = (E.year < year) | ((E.year == year) & (E.quarter <= quarter))
    held = (
        select(E.village_id, func.count().label("events"), func.max(E.held_on).label("last"))
        .where(upto, E.partner_id == partner_id)
        .where(visible(E, verified_only))
        .group_by(E.village_id)
        .subquery()
    )
    until = (TV.year < year) | ((TV.year == year) & (TV.quarter <= quarter))
    named = (
        select(TV.village_id, func.count().label("n"))
        .where(until, TV.partner_id == partner_id, visible(TV, verified_only))
        .where(without_events(TV))
        .group_by(TV.village_id)
        .subquery()
    )
    stmt = (
        select(
            V.code,
            V.name,
            V.kind,
            V.pmi_count,
            func.coalesce(held.c.events, 0),
            held.c.last,
            func.coalesce(named.c.n, 0),
        )
        .join(m.Partner, (m.Partner.region_id == V.region_id) & (m.Partner.id == partner_id))
        .where(m.Partner.partner_type == "pemda")
        .outerjoin(held, held.c.village_id == V.id)
        .outerjoin(named, named.c.village_id == V.id)
        .order_by(V.pmi_count.desc(), V.code)
    )
    out = frame(stmt, ["code", "name", "kind", "pmi_count", "events", "last_held", "in_totals"])
    out["reached"] = (out["events"] > 0) | (out["in_totals"] > 0)
    return out


@guarded("own", cached=True)
def village_codes(*, partner_id: int | None = None) -> pd.DataFrame:
    """Villages of the regional partners (or of one), for import templates.

    Columns: code (Kemendagri, `32.12.01.2001`), name: str; partner_code: str (the partner
    whose region holds the village). Ordered by code.
    """
    stmt = (
        select(m.Village.code, m.Village.name, m.Partner.code.label("partner_code"))
        .join(m.Partner, m.Partner.region_id == m.Village.region_id)
        .where(m.Partner.partner_type == "pemda")
        .order_by(m.Village.code)
    )
    if partner_id is not None:
        stmt = stmt.where(m.Partner.id == partner_id)
    return frame(stmt, ["code", "name", "partner_code"])
