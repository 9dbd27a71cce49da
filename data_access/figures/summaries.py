"""Rebuild the derived socialization tables from the events, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    Connection,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    union_all,
)

from data_access import models as m
from data_access.store.visibility import visible

E = m.SocializationEvent
T, TV = m.SocializationTotal, m.SocializationTotalVillage
COUNTED_TOPIC = "REKAP"  # the topic of a quarter counted as totals, not per event


def without_events(table):
    """Rows of a quarter's totals (`table`: T or TV) whose partner-quarter has no events in
    the same layer: a quarter with events counts those, never its totals as well."""
    return ~exists(
        select(literal(1)).where(
            E.partner_id == table.partner_id,
            E.year == table.year,
            E.quarter == table.quarter,
            E.layer == table.layer,
        )
    )


def reached_villages(verified_only: bool = False, where=lambda table: [], totals: bool = True):
    """(partner_id, village_id, year, quarter) of every village reached: by an event, or
    named by code in a quarter's totals whose partner-quarter has no events; the rows each
    count as shown (`verified_only`: approved figures only). `where(table)` adds conditions;
    without `totals`, events alone."""
    events = select(E.partner_id, E.village_id, E.year, E.quarter).where(
        visible(E, verified_only), *where(E)
    )
    named = select(TV.partner_id, TV.village_id, TV.year, TV.quarter).where(
        and_(visible(TV, verified_only), without_events(TV)), *where(TV)
    )
    return (union_all(events, named) if totals else events).subquery()


def refresh(
    conn: Connection, partner_ids: Iterable[int] | None = None, *, totals: bool = True
) -> None:
    """Recompute socialization_quarter, village_reach and village_first_reach, in full or
    for the partners in `partner_ids` only (a write touches its own partners' rows, so
    concurrent writes for different partners never meet in these tables). A quarter counted
    as totals (socialization_total) enters under the topic REKAP, with the villages it names
    by code, unless the same partner-quarter has events. `totals=False` for a schema from
    before quarter totals (the demo loaded by a migration test).

    Every write of socialization events, and every change of a report's status, calls this
    in the same transaction, so the derived tables never disagree with the events.
    socialization_quarter keeps both layers (reads choose as on the events); the village
    tables hold what is shown by default.
    """
    only = sorted(set(partner_ids)) if partner_ids is not None else None

    def scoped(table):
        return [] if only is None else [table.partner_id.in_(only)]

    for table in (m.SocializationQuarter, m.VillageReach, m.VillageFirstReach):
        conn.execute(delete(table).where(*scoped(table)))
    _quarters(conn, scoped, totals)
    reached = reached_villages(where=scoped, totals=totals)
    conn.execute(
        insert(m.VillageReach).from_select(
            ["partner_id", "village_id", "year", "first_quarter"],
            select(
                reached.c.partner_id,
                reached.c.village_id,
                reached.c.year,
                func.min(reached.c.quarter),
            ).group_by(reached.c.partner_id, reached.c.village_id, reached.c.year),
        )
    )
    R = m.VillageReach
    conn.execute(
        insert(m.VillageFirstReach).from_select(
            ["partner_id", "village_id", "first_period", "pmi_count"],
            select(
                R.partner_id,
                R.village_id,
                func.min(R.year * 4 + R.first_quarter),
                func.max(m.Village.pmi_count),
            )
            .join(m.Village, m.Village.id == R.village_id)
            .where(*scoped(R))
            .group_by(R.partner_id, R.village_id),
        )
    )


def _quarters(conn: Connection, scoped, totals: bool) -> None:
    """socialization_quarter from the events, and from quarter totals where a partner-quarter
    has no events."""
    conn.execute(
        insert(m.SocializationQuarter).from_select(
            [
                "partner_id",
                "year",
                "quarter",
                "topic",
                "layer",
                "events",
                "participants_male",
                "participants_female",
            ],
            select(
                E.partner_id,
                E.year,
                E.quarter,
                E.topic,
                E.layer,
                func.count(),
                func.sum(E.participants_male),
                func.sum(E.participants_female),
            )
            .where(*scoped(E))
            .group_by(E.partner_id, E.year, E.quarter, E.topic, E.layer),
        )
    )
    if totals:
        counted = select(
            T.partner_id,
            T.year,
            T.quarter,
            literal(COUNTED_TOPIC),
            T.layer,
            T.events,
            T.participants_male,
            T.participants_female,
        )
        conn.execute(
            insert(m.SocializationQuarter).from_select(
                [c.name for c in m.SocializationQuarter.__table__.columns],
                counted.where(without_events(T), *scoped(T)),
            )
        )
