"""Notifications in the app: written in the same transaction as the change they tell of,
one per account that should know; each account reads its own and marks them read."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, func, insert, select, update

from core.accounts.roles import Role
from data_access import models as m
from data_access.store.access import Viewer
from data_access.store.db import get_engine
from data_access.store.query import frame

N, U = m.Notification, m.User
# Who is told of a report's new status: its partner's operators of a decision, the
# verifiers of a report sent to them.
TOLD = {"returned": "partner", "approved": "partner", "submitted": "verifiers"}


def tell_of_report(
    conn: Connection, partner_id: int, year: int, quarter: int, status: str, note: str = ""
) -> int:
    """Inside a report's status change: a notification for each active account that should
    know of it (TOLD); returns how many."""
    who = TOLD.get(status)
    if who is None:
        return 0
    return _tell(conn, who, f"report_{status}", partner_id, year, quarter, note)


def tell_of_assessment(
    conn: Connection, partner_id: int, year: int, status: str, note: str = ""
) -> int:
    """Inside a self-assessment's status change, as for a report (TOLD)."""
    who = TOLD.get(status)
    if who is None:
        return 0
    return _tell(conn, who, f"assessment_{status}", partner_id, year, None, note)


def tell_of_comment(
    conn: Connection, partner_id: int, year: int, quarter: int, author_role: str, body: str
) -> int:
    """Inside a new comment: the partner's operators are told of the agency's comments, the
    verifiers of the partner's own."""
    who = "verifiers" if author_role == Role.MITRA else "partner"
    return _tell(conn, who, "comment", partner_id, year, quarter, body[:300])


def _tell(
    conn, who: str, kind: str, partner_id: int, year: int, quarter: int | None, note: str
) -> int:
    accounts = select(U.id).where(~U.disabled)
    accounts = (
        accounts.where(U.role == Role.MITRA, U.partner_id == partner_id)
        if who == "partner"
        else accounts.where(U.role == Role.VERIFIKATOR)
    )
    ids = conn.execute(accounts).scalars().all()
    if ids:
        now = datetime.now()
        conn.execute(
            insert(N),
            [
                {
                    "user_id": i,
                    "kind": kind,
                    "partner_id": partner_id,
                    "year": year,
                    "quarter": quarter,
                    "note": note,
                    "created_at": now,
                }
                for i in ids
            ],
        )
    return len(ids)


def _me(conn: Connection, viewer: Viewer):
    if not viewer.username:
        return None
    return conn.execute(select(U.id).where(U.username == viewer.username)).scalar()


def my_notifications(*, viewer: Viewer, limit: int = 50) -> pd.DataFrame:
    """The signed-in account's notifications, newest first (at most `limit`).

    Columns: notification_id: int; kind: str; partner_id: Int64; short_name: str; year,
    quarter: Int64; note: str; created_at: datetime; read: bool.
    """
    with get_engine().connect() as conn:
        me = _me(conn, viewer)
    stmt = (
        select(
            N.id,
            N.kind,
            N.partner_id,
            m.Partner.short_name,
            N.year,
            N.quarter,
            N.note,
            N.created_at,
            N.read_at.is_not(None),
        )
        .outerjoin(m.Partner, m.Partner.id == N.partner_id)
        .where(N.user_id == (me or -1))
        .order_by(N.created_at.desc(), N.id.desc())
        .limit(limit)
    )
    out = frame(
        stmt,
        [
            "notification_id",
            "kind",
            "partner_id",
            "short_name",
            "year",
            "quarter",
            "note",
            "created_at",
            "read",
        ],
    )
    out["read"] = out["read"].astype(bool)
    return out.astype({"partner_id": "Int64", "year": "Int64", "quarter": "Int64"})


def unread_count(*, viewer: Viewer) -> int:
    with get_engine().connect() as conn:
        me = _me(conn, viewer)
        if me is None:
            return 0
        return int(
            conn.execute(
                select(func.count()).where(N.user_id == me, N.read_at.is_(None))
            ).scalar_one()
        )


def mark_read(*, viewer: Viewer, notification_ids: list[int] | None = None) -> int:
    """Mark the account's own notifications read (`None`: all of them); another account's
    are never touched. Returns how many changed."""
    with get_engine().begin() as conn:
        me = _me(conn, viewer)
        if me is None:
            return 0
        where = [N.user_id == me, N.read_at.is_(None)]
        if notification_ids is not None:
            where.append(N.id.in_([int(i) for i in notification_ids]))
        return conn.execute(update(N).where(*where).values(read_at=datetime.now())).rowcount
