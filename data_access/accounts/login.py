"""Sign-in: the password check with an atomic lockout, the same work, time and answer for
every kind of failure, a bound on how many checks run at once, and a throttle per client."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update

from core.accounts.session_tokens import plain_address
from data_access import models as m
from data_access.accounts import session_rows
from data_access.accounts.accounts import HASHER, Account, account_of, session_key
from data_access.store.audit import record
from data_access.store.db import get_engine

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# Each check of a real password costs argon2's memory (64 MiB) and a tenth of a second of
# one core: at most this many at once per process, so a crowd of sign-in attempts cannot
# exhaust the server or hold up every page; each check more adds 64 MiB to the process's
# peak (benchmarks/LOAD.md).
CONCURRENT_CHECKS = max(1, int(os.environ.get("LOGIN_CONCURRENCY", "1")))
SLOT_WAIT_SECONDS = 15
# One client (address) may fail this many sign-ins in CLIENT_WINDOW before it must wait,
# so that one visitor cannot lock out every account in turn.
CLIENT_FAILURES = 10
CLIENT_WINDOW = timedelta(minutes=15)

_SLOTS = threading.BoundedSemaphore(CONCURRENT_CHECKS)
# A hash of the real cost, checked whenever there is no real one to check, so an unknown,
# disabled or demo account costs the same work as a real one.
_STAND_IN = HASHER.hash("akun-ini-tidak-ada")


@dataclass(frozen=True)
class LoginResult:
    account: Account | None
    reason: str  # ok | wrong | locked | disabled | busy | throttled
    locked_until: datetime | None = None
    session: str = ""  # ui keeps it to notice a changed account (accounts.session_key)


def _matches(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _full_cost(password_hash: str) -> bool:
    try:
        used = extract_parameters(password_hash)
    except (InvalidHashError, ValueError):
        return False
    return used.memory_cost >= HASHER.memory_cost and used.time_cost >= HASHER.time_cost


def _check(row, password: str) -> bool:
    """One check at the full cost whatever the account (a cheaper demo hash is checked as
    well, then the stand-in pays the full cost)."""
    if row is None:
        _matches(_STAND_IN, password)
        return False
    if _full_cost(row.password_hash):
        return _matches(row.password_hash, password)
    right = _matches(row.password_hash, password)
    _matches(_STAND_IN, password)
    return right


def _throttled(client: str, now: datetime) -> bool:
    """Whether the address has failed CLIENT_FAILURES sign-ins in CLIENT_WINDOW, counted in
    the database, so every app process behind the proxy throttles it alike."""
    if not client:  # an unknown address is nobody's in particular: never throttled together
        return False
    F = m.SignInFailure
    with get_engine().connect() as conn:
        failures = conn.execute(
            select(func.count()).where(F.client == client, F.at > now - CLIENT_WINDOW)
        ).scalar_one()
    return failures >= CLIENT_FAILURES


def _failed(client: str, user_id: int | None, now: datetime) -> None:
    """Count a failed sign-in of the address (and of the account it named), and let go of
    the address's failures too old to count."""
    if not client:
        return
    F = m.SignInFailure
    with get_engine().begin() as conn:
        conn.execute(delete(F).where(F.client == client, F.at <= now - max(CLIENT_WINDOW, LOCKOUT)))
        conn.execute(insert(F).values(client=client[:64], user_id=user_id, at=now))


def _failed_here(conn, user_id: int, client: str, now: datetime) -> bool:
    """Whether this address has failed a sign-in of the account while it could be locked:
    an address that has not may still use the right password of a locked account, so that
    a lock set off from elsewhere does not keep its owner out."""
    if not client:
        return True  # an address nobody can tell apart: the lock holds
    F = m.SignInFailure
    return bool(
        conn.execute(
            select(F.id).where(F.user_id == user_id, F.client == client, F.at > now - LOCKOUT)
        ).first()
    )


def forget_clients() -> None:
    """Forget every address's failures (tests)."""
    with get_engine().begin() as conn:
        conn.execute(delete(m.SignInFailure))


def authenticate(
    *, username: str, password: str, client: str = "", now: datetime | None = None
) -> LoginResult:
    """Check a sign-in. An unknown account, a wrong password and a disabled account with a
    wrong password give the same answer ("wrong") after the same work; failures are counted
    in the database itself, so parallel attempts cannot slip past the lockout (five in a row
    lock the account for 15 minutes). Every outcome is audited."""
    now = now or datetime.now()
    name = username.strip()[:60]
    client = plain_address(client)
    if _throttled(client, now):
        with get_engine().begin() as conn:
            record(conn, actor=name, action="login_throttled", entity="user", entity_id="-")
        return LoginResult(None, "throttled")
    if not _SLOTS.acquire(timeout=SLOT_WAIT_SECONDS):
        return LoginResult(None, "busy")
    try:
        with get_engine().connect() as conn:
            row = conn.execute(select(m.User).where(m.User.username == name)).first()
        right = _check(row, password)
        # A hash of the full cost made with other parameters (four lanes, before): made
        # again with HASHER's now that the password is known to be right.
        fresh = HASHER.hash(password) if right and _outdated(row) else None
    finally:
        _SLOTS.release()
    result = _settle(row, name, right, now, fresh, client)
    if result.reason != "ok":
        _failed(client, row.id if row is not None else None, now)
    return result


def _outdated(row) -> bool:
    if row is None or row.disabled or not _full_cost(row.password_hash):
        return False  # a demo account keeps its cheap hash (the stand-in pays the full cost)
    try:
        return HASHER.check_needs_rehash(row.password_hash)
    except (InvalidHashError, ValueError):
        return False


def _renew(conn, row, fresh: str):
    """Store the hash made again at sign-in and carry the account's open sessions over to
    the new key; returns the row as stored then. Only for the account exactly as checked: if
    its password, role, partner or state changed in between, that change wins and `row`
    comes back unchanged, so that the session opened now ends at its first check."""
    U = m.User
    renewed = conn.execute(
        update(U)
        .where(
            U.id == row.id,
            U.password_hash == row.password_hash,
            U.role == row.role,
            U.partner_id.is_not_distinct_from(row.partner_id),
            U.disabled == row.disabled,
        )
        .values(password_hash=fresh)
    ).rowcount
    if not renewed:
        return row
    now_row = conn.execute(select(U).where(U.id == row.id)).first()
    session_rows.carry_over(conn, row.id, session_key(row), session_key(now_row))
    return now_row


def _settle(
    row, name: str, right: bool, now: datetime, fresh: str | None = None, client: str = ""
) -> LoginResult:
    U = m.User
    with get_engine().begin() as conn:
        if row is None:
            record(conn, actor=name, action="login_failed", entity="user", entity_id="-")
            return LoginResult(None, "wrong")
        # A lock that has run out starts a fresh count.
        conn.execute(
            update(U)
            .where(U.id == row.id, U.locked_until.is_not(None), U.locked_until <= now)
            .values(failed_attempts=0, locked_until=None)
        )
        locked_until = conn.execute(select(U.locked_until).where(U.id == row.id)).scalar()
        locked = bool(locked_until and locked_until > now)
        if (
            right
            and not row.disabled
            and (not locked or not _failed_here(conn, row.id, client, now))
        ):
            return _signed_in(conn, row, now, fresh)
        if right and row.disabled:
            record(
                conn,
                actor=row.username,
                action="login_refused",
                entity="user",
                entity_id=row.id,
                new={"reason": "disabled"},
            )
            return LoginResult(None, "disabled")
        return _wrong_password(conn, row, now)


def _signed_in(conn, row, now: datetime, fresh: str | None) -> LoginResult:
    """A right password: the count cleared, the hash made again if `fresh`, audited."""
    U = m.User
    conn.execute(
        update(U)
        .where(U.id == row.id)
        .values(failed_attempts=0, locked_until=None, last_login_at=now)
    )
    if fresh:
        row = _renew(conn, row, fresh)
    renewed = {"hash_renewed": True} if row.password_hash == fresh else None
    record(conn, actor=row.username, action="login", entity="user", entity_id=row.id,
           new=renewed)  # fmt: skip
    return LoginResult(account_of(row), "ok", session=session_key(row))


def _wrong_password(conn, row, now: datetime) -> LoginResult:
    """A wrong password: counted, the account locked at the limit, audited."""
    U = m.User
    # Counted in SQL: every failed attempt adds one, however many run at once.
    failures = conn.execute(
        update(U)
        .where(U.id == row.id)
        .values(failed_attempts=U.failed_attempts + 1)
        .returning(U.failed_attempts)
    ).scalar_one()
    if failures >= MAX_FAILURES:
        conn.execute(
            update(U)
            .where(U.id == row.id, (U.locked_until.is_(None)) | (U.locked_until <= now))
            .values(locked_until=now + LOCKOUT)
        )
    locked_until = conn.execute(select(U.locked_until).where(U.id == row.id)).scalar()
    locked = bool(locked_until and locked_until > now)
    record(
        conn,
        actor=row.username,
        action="login_failed",
        entity="user",
        entity_id=row.id,
        new={"failed_attempts": failures, "locked_until": locked_until},
    )
    return LoginResult(None, "locked" if locked else "wrong", locked_until if locked else None)
