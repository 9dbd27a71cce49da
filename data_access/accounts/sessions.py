"""Signed-in browsers kept on the server (app_session): opened at sign-in, handed to the
browser once as an HttpOnly cookie, checked at every interaction, ended by sign-out, by an
admin, by the idle or absolute limit, or by a change to the account."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import select, update

from core.accounts.roles import Role
from core.accounts.session_tokens import Limits, browser_mark, digest, load_limits, plain_address
from data_access import models as m
from data_access.accounts.accounts import Account, account_of, session_key
from data_access.store.access import guarded, require_admin
from data_access.store.audit import record
from data_access.store.db import get_engine
from data_access.store.query import frame

S, U = m.AppSession, m.User
ENDED_BY_ADMIN = "admin"  # the reason a session ended: an admin ended it (not a role)
HANDOFF_VALID = timedelta(seconds=60)
# last_seen_at is written at most this often per session: the idle limit is counted in
# minutes, and a write per click would be a write per click.
TOUCH_EVERY = timedelta(seconds=30)
SECRET_FILE = Path(__file__).resolve().parents[2] / "var" / "session_secret"


def cookie_secret() -> bytes:
    """The key that signs session cookies: SESSION_SECRET, else a random key kept in
    var/session_secret (created on first use, readable by the app's user only)."""
    configured = os.environ.get("SESSION_SECRET", "").strip()
    if configured:
        return configured.encode()
    return _kept_secret(SECRET_FILE)


@lru_cache(maxsize=2)
def _kept_secret(path: Path) -> bytes:
    """The kept key, read once per process (created first if no process has)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
        try:  # written whole under another name, then put in place: never read half
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
            os.link(partial, path)  # fails if another process was first: its key
        except FileExistsError:
            pass
        finally:
            partial.unlink(missing_ok=True)
    return path.read_text().strip().encode()


def limits() -> Limits:
    return load_limits()


def open_session(
    *,
    account: Account,
    method: str,
    browser: str,
    client: str = "",
    now: datetime | None = None,
) -> tuple[int, str]:
    """Open a session for a signed-in account; returns its id and the one-time hand-over
    code that `browser` (the mark of the browser that signed in) exchanges for its cookie
    (data_access.accounts.sessions.redeem)."""
    with get_engine().begin() as conn:
        return insert_session(
            conn, account.id, method=method, browser=browser, client=client, now=now
        )


def insert_session(
    conn,
    user_id: int,
    *,
    method: str,
    browser: str,
    client: str = "",
    now: datetime | None = None,
    identity_key: str | None = None,
) -> tuple[int, str]:
    """open_session inside the caller's transaction, for the account `user_id`. Its row is
    read locked: a sign-in that makes the account's hash again at this moment either comes
    first (this session gets the new key) or carries this session over (data_access.accounts.login).
    A browser without a valid mark gets no code that can be redeemed (its session lasts as
    long as its page's connection)."""
    row = conn.execute(select(U).where(U.id == user_id).with_for_update()).one()
    now = now or datetime.now()
    code = secrets.token_urlsafe(32)
    mark = browser_mark(browser)
    session_id = conn.execute(
        S.__table__.insert().values(
            user_id=row.id,
            handoff_hash=digest(code) if mark else None,
            handoff_until=now + HANDOFF_VALID if mark else None,
            handoff_browser=digest(mark) if mark else None,
            account_key=session_key(row),
            method=method,
            client=plain_address(client),
            created_at=now,
            last_seen_at=now,
            expires_at=now + limits().absolute,
            identity_key=identity_key,
        )
    ).inserted_primary_key[0]
    return session_id, code


def redeem(code: str, browser: str, now: datetime | None = None) -> tuple[str, datetime] | None:
    """Exchange a hand-over code for the session's token, once, within a minute and only
    in the browser that signed in (its mark `browser`): the token (for the cookie) and when
    the session expires; None for a code that is unknown, used, late, of an ended session
    or brought by another browser (the code stays for its own browser). Two requests with
    one code: one wins."""
    mark = browser_mark(browser)
    if not code or len(code) > 100 or not mark:
        return None
    now = now or datetime.now()
    token = secrets.token_urlsafe(32)
    with get_engine().begin() as conn:
        won = conn.execute(
            update(S)
            .where(
                S.handoff_hash == digest(code),
                S.handoff_until > now,
                S.handoff_browser == digest(mark),
                S.ended_at.is_(None),
            )
            .values(token_hash=digest(token), handoff_hash=None, handoff_until=None)
            .returning(S.expires_at)
        ).first()
    return (token, won.expires_at) if won else None


@dataclass(frozen=True)
class Resumed:
    session_id: int
    account: Account
    method: str  # local | sso


def _close(conn, session_id: int, reason: str, now: datetime) -> None:
    conn.execute(
        update(S)
        .where(S.id == session_id, S.ended_at.is_(None))
        .values(ended_at=now, ended_reason=reason)
    )


def check(session_id: int, now: datetime | None = None) -> str:
    """Whether a session may go on at this interaction: ok, or why not (signed_out, ended by
    an admin, idle, expired, changed: the account was disabled, its password reset, its role
    or partner changed, or it was removed). A session that fails is ended for good."""
    now = now or datetime.now()
    with get_engine().begin() as conn:
        row = conn.execute(
            select(S.ended_at, S.ended_reason, S.last_seen_at, S.expires_at, S.account_key, U)
            .join(U, U.id == S.user_id, isouter=True)
            .where(S.id == session_id)
        ).first()
        if row is None:
            return "ended"
        if row.ended_at is not None:
            return row.ended_reason or "ended"
        reason = None
        if now >= row.expires_at:
            reason = "expired"
        elif now - row.last_seen_at > limits().idle:
            reason = "idle"
        elif row.id is None or session_key(row) != row.account_key:
            reason = "changed"
        if reason:
            _close(conn, session_id, reason, now)
            return reason
        if now - row.last_seen_at >= TOUCH_EVERY:
            conn.execute(
                update(S).where(S.id == session_id, S.ended_at.is_(None)).values(last_seen_at=now)
            )
    return "ok"


def resume(token: str | None, now: datetime | None = None) -> Resumed | None:
    """The session and account a browser's token stands for, if the session may go on."""
    if not token:
        return None
    with get_engine().connect() as conn:
        found = conn.execute(
            select(S.id.label("session_id"), S.method.label("session_method"), U)
            .join(U, U.id == S.user_id)
            .where(S.token_hash == digest(token))
        ).first()
    if found is None or check(found.session_id, now) != "ok":
        return None
    return Resumed(found.session_id, account_of(found), found.session_method)


def end(session_id: int | None, *, actor: str, reason: str = "signed_out") -> bool:
    """End a session (sign-out, or an admin); audited. False if it had ended already."""
    if session_id is None:
        return False
    now = datetime.now()
    with get_engine().begin() as conn:
        ended = conn.execute(
            update(S)
            .where(S.id == session_id, S.ended_at.is_(None))
            .values(ended_at=now, ended_reason=reason)
        ).rowcount
        if ended:
            record(
                conn,
                actor=actor,
                action="session_ended",
                entity="session",
                entity_id=session_id,
                new={"reason": reason},
            )
    return bool(ended)


def end_by_token(token: str | None) -> bool:
    """End the session a browser's token stands for (its owner signs out at the address
    that drops the cookie); audited. False for no token, an unknown one, or an ended one."""
    if not token:
        return False
    with get_engine().connect() as conn:
        found = conn.execute(
            select(S.id, U.username).join(U, U.id == S.user_id).where(S.token_hash == digest(token))
        ).first()
    return end(found.id, actor=found.username) if found else False


def session_of_token(token: str | None) -> int | None:
    """The id of the session a browser's token stands for (ended or not)."""
    if not token:
        return None
    with get_engine().connect() as conn:
        return conn.execute(select(S.id).where(S.token_hash == digest(token))).scalar()


@guarded(Role.ADMIN)
def live_sessions() -> pd.DataFrame:
    """Sessions that have not ended, newest activity first (those past a limit end at their
    next use and are left out here).

    Columns: session_id: int; username, full_name, role: str; method: str, local | sso;
    client: str, address at sign-in; created_at, last_seen_at, expires_at: datetime.
    """
    now = datetime.now()
    stmt = (
        select(
            S.id,
            U.username,
            U.full_name,
            U.role,
            S.method,
            S.client,
            S.created_at,
            S.last_seen_at,
            S.expires_at,
        )
        .join(U, U.id == S.user_id)
        .where(S.ended_at.is_(None), S.expires_at > now)
        .where(S.last_seen_at > now - limits().idle)
        .order_by(S.last_seen_at.desc(), S.id.desc())
    )
    columns = ["session_id", "username", "full_name", "role", "method", "client",
               "created_at", "last_seen_at", "expires_at"]  # fmt: skip
    return frame(stmt, columns)


def end_by_admin(*, viewer, session_id: int) -> bool:
    """An admin ends someone's session (audited); the browser is signed out at its next
    interaction. False if it had ended already."""
    require_admin(viewer, "Hanya admin yang boleh mengakhiri sesi orang lain.")
    return end(int(session_id), actor=viewer.username, reason=ENDED_BY_ADMIN)
