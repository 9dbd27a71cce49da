"""The audit trail: its one writer (`record`, inside the caller's transaction) and its reads
(admins only: the check is here, not only in the page)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Connection, insert, select

from core.accounts.roles import Role
from data_access import models as m
from data_access.store.access import AccessDenied, guarded
from data_access.store.query import frame

A = m.AuditLog


def record(
    conn: Connection, *, actor: str, action: str, entity: str, entity_id, old=None, new=None
):
    """Write one audit row inside the caller's transaction; returns its id."""
    return conn.execute(
        insert(m.AuditLog).values(
            at=datetime.now(),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            old_values=json.dumps(old or {}, default=str, ensure_ascii=False),
            new_values=json.dumps(new or {}, default=str, ensure_ascii=False),
        )
    ).inserted_primary_key[0]


@guarded(Role.ADMIN)
def audit_entries(
    *,
    actor: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 2000,
) -> pd.DataFrame:
    """Audit rows, newest first, at most `limit`; only an admin may read them.

    Columns: at: datetime; actor, action, entity, entity_id: str; old_values, new_values:
    str (JSON of the fields before and after).
    """
    stmt = select(A.at, A.actor, A.action, A.entity, A.entity_id, A.old_values, A.new_values)
    if actor:
        stmt = stmt.where(A.actor == actor)
    if action:
        stmt = stmt.where(A.action == action)
    if since:
        stmt = stmt.where(A.at >= datetime.combine(since, time.min))
    if until:
        stmt = stmt.where(A.at < datetime.combine(until + timedelta(days=1), time.min))
    stmt = stmt.order_by(A.at.desc(), A.id.desc()).limit(limit)
    columns = ["at", "actor", "action", "entity", "entity_id", "old_values", "new_values"]
    return frame(stmt, columns)


@guarded(Role.ADMIN)
def audit_choices() -> dict:
    """{'actors': [...], 'actions': [...]} present in the trail, for the filters (admins only)."""
    actors = frame(select(A.actor).distinct().order_by(A.actor), ["actor"])
    actions = frame(select(A.action).distinct().order_by(A.action), ["action"])
    return {"actors": actors["actor"].tolist(), "actions": actions["action"].tolist()}


__all__ = ["AccessDenied", "audit_entries", "audit_choices"]
