"""Rebuild the derived socialization tables from the events, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select

from data_access import models as m
from data_access.visibility import visible

E = m.SocializationEvent


def refresh(conn: Connection, partner_ids: Iterable[int] | None = None) -> None:
    """Recompute socialization_quarter, village_reach and village_first_reach, in full or
    for the partners in `partner_ids` only (a write touches its own partners' rows, so
    concurrent writes for different partners never meet in these tables).

    Every write of socialization events, and every change of a report's status, calls this
    in the same transaction, so the derived tables never disagree with the events.
    socialization_quarter keeps both layers (reads choose as on the events); the village
    tables hold what is shown by default.
    """
    shown = visible(E)
    only = sorted(set(partner_ids)) if partner_ids is not None else None

    def scoped(table):
        return [] if only is None else [table.partner_id.in_(only)]

    for table in (m.SocializationQuarter, m.VillageReach, m.VillageFirstReach):
        conn.execute(delete(table).where(*scoped(table)))
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
    conn.execute(
        insert(m.VillageReach).from_select(
            ["partner_id", "village_id", "year", "first_quarter"],
            select(E.partner_id, E.village_id, E.year, func.min(E.quarter))
            .where(shown, *scoped(E))
            .group_by(E.partner_id, E.village_id, E.year),
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
