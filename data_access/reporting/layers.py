"""Moving a partner-quarter's figures between the published and the pending layer (see
data_access.store.visibility), inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import Connection, delete, func, insert, literal, select, update

from data_access import models as m

QUARTERLY = (
    m.TrainingBudget,
    m.TrainingCohort,
    m.SocializationEvent,
    m.SocializationTotal,
    m.SocializationTotalVillage,
)


def _tables(quarter: int):
    """(table, WHERE for the partner-quarter's rows) of every fact table a report holds;
    the yearly outcomes go with TW IV."""
    for table in QUARTERLY:
        yield table, lambda t, p, y, q=quarter: (t.partner_id == p, t.year == y, t.quarter == q)
    if quarter == 4:
        yield m.PartnerOutcome, lambda t, p, y: (t.partner_id == p, t.year == y)


def _copied_columns(table) -> list:
    return [c for c in table.__table__.columns if c.name not in ("id", "layer")]


def open_pending(conn: Connection, partner_id: int, year: int, quarter: int) -> None:
    """Start the pending version of a report as a copy of the published figures, so a partner
    corrects what counts instead of typing it all again. The published rows keep counting."""
    for table, where in _tables(quarter):
        key = where(table, partner_id, year)
        if conn.execute(select(literal(1)).where(*key, table.layer == m.PENDING)).first():
            continue  # a returned report keeps the version the partner is working on
        columns = _copied_columns(table)
        source = select(*columns, literal(m.PENDING)).where(*key, table.layer == m.PUBLISHED)
        conn.execute(
            insert(table.__table__).from_select([c.name for c in columns] + ["layer"], source)
        )


def publish(conn: Connection, partner_id: int, year: int, quarter: int) -> None:
    """An approved report's pending version replaces the published figures of its quarter."""
    for table, where in _tables(quarter):
        key = where(table, partner_id, year)
        conn.execute(delete(table).where(*key, table.layer == m.PUBLISHED))
        conn.execute(update(table).where(*key, table.layer == m.PENDING).values(layer=m.PUBLISHED))


def pending_rows(conn: Connection, partner_id: int, year: int, quarter: int) -> int:
    """How many rows the pending version of a report holds."""
    total = 0
    for table, where in _tables(quarter):
        total += conn.execute(
            select(func.count())
            .select_from(table)
            .where(*where(table, partner_id, year), table.layer == m.PENDING)
        ).scalar_one()
    return total
