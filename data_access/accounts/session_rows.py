"""Writes to app_session inside another write's transaction: a password reset, a disabled
account or the owner's own password change ends the account's sessions at once (the
sessions would fail their next check anyway; this way the admins' list is right now)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, update

from data_access import models as m

S = m.AppSession


def end_all_of(conn: Connection, user_id: int, reason: str, *, keep: int | None = None) -> int:
    """End every open session of an account but `keep`; returns how many ended."""
    where = [S.user_id == user_id, S.ended_at.is_(None)]
    if keep is not None:
        where.append(S.id != keep)
    return conn.execute(
        update(S).where(*where).values(ended_at=datetime.now(), ended_reason=reason)
    ).rowcount


def rekey(conn: Connection, user_id: int, session_id: int | None, account_key: str) -> None:
    """After the owner's own password change: this session goes on under the new key, every
    other session of the account ends."""
    if session_id is not None:
        conn.execute(
            update(S)
            .where(S.id == session_id, S.user_id == user_id, S.ended_at.is_(None))
            .values(account_key=account_key)
        )
    end_all_of(conn, user_id, "changed", keep=session_id)


def carry_over(
    conn: Connection, user_id: int, old_key: str, new_key: str, *, method: str | None = None
) -> int:
    """The account changed in a way its sessions (of `method`, or all) survive: a password's
    hash made again, an identity linked; its open sessions made under `old_key` go on under
    `new_key`; returns how many."""
    where = [S.user_id == user_id, S.account_key == old_key, S.ended_at.is_(None)]
    if method is not None:
        where.append(S.method == method)
    return conn.execute(update(S).where(*where).values(account_key=new_key)).rowcount
