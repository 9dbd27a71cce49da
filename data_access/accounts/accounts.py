"""Local accounts: argon2id password hashes, login with lockout, and audited user management."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts import passwords
from core.accounts.roles import Role
from data_access import models as m
from data_access.accounts import session_rows
from data_access.store.audit import record
from data_access.store.db import get_engine

# argon2id at RFC 9106's second recommended cost (64 MiB, 3 passes) in one lane: lanes only
# spread the same work over cores, so an attacker's cost is the same, while on a server whose
# cores serve many people at once four lanes cost half again as much processor time
# (measured: 0.16 against 0.10 processor-seconds per check).
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1)
# Demo accounts only: argon2id at a low cost, so that a first start with demo data stays quick.
# Their passwords are public in the README anyway; real accounts always get HASHER's cost.
DEMO_HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
SYSTEM = "sistem"


class AccountError(ValueError):
    """A user-management request that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    full_name: str
    role: str
    partner_id: int | None
    must_change_password: bool = False


def hash_password(password: str, *, demo: bool = False) -> str:
    return (DEMO_HASHER if demo else HASHER).hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def account_of(row) -> Account:
    return Account(
        row.id,
        row.username,
        row.full_name,
        row.role,
        row.partner_id,
        bool(getattr(row, "must_change_password", False)),
    )


def check_password(password: str, username: str, *, demo: bool = False) -> None:
    """The password policy (core.accounts.passwords) for every password set; demo accounts keep the
    published `contoh-<username>` passwords (production refuses demo accounts)."""
    if demo:
        return
    refused = passwords.problem(password, username)
    if refused:
        raise AccountError(refused)


def _taken(username: str) -> str:
    return f"Nama pengguna {username} sudah dipakai (huruf besar dan kecil dianggap sama)."


def _same_name(username: str):
    """Usernames are one account whatever their case: Admin and admin are the same."""
    return func.lower(m.User.username) == username.strip().lower()


def create_user(
    conn: Connection | None = None,
    *,
    actor: str,
    username: str,
    full_name: str,
    role: str,
    password: str,
    partner_code: str | None = None,
    is_demo: bool = False,
    one_time: bool = False,
) -> int:
    """Create an account (audited); a `mitra` account names its partner by code. A
    `one_time` password must be replaced by the owner at the first sign-in."""
    username = username.strip()
    _check_new(username, role, partner_code)
    check_password(password, username, demo=is_demo)
    if conn is None:
        with get_engine().begin() as own:
            return create_user(
                own,
                actor=actor,
                username=username,
                full_name=full_name,
                role=role,
                password=password,
                partner_code=partner_code,
                is_demo=is_demo,
                one_time=one_time,
            )
    partner_id = _partner_of(conn, partner_code)
    if conn.execute(select(m.User.id).where(_same_name(username))).first():
        raise AccountError(_taken(username))
    new = {"username": username, "full_name": full_name, "role": role, "partner_id": partner_id}
    # Named only when set: the column keeps its default in schemas from before it existed.
    forced = {"must_change_password": True} if one_time else {}
    try:
        user_id = conn.execute(
            insert(m.User).values(
                **new,
                **forced,
                password_hash=hash_password(password, demo=is_demo),
                failed_attempts=0,
                disabled=False,
                is_demo=is_demo,
                created_at=datetime.now(),
            )
        ).inserted_primary_key[0]
    except IntegrityError as exc:  # someone took the name (in any case) a moment earlier
        raise AccountError(
            f"Nama pengguna {username} sudah dipakai (huruf besar/kecil sama)."
        ) from exc
    record(
        conn, actor=actor, action="create", entity="user", entity_id=user_id, new={**new, **forced}
    )
    return user_id


def _check_new(username: str, role: str, partner_code: str | None) -> None:
    if not username or len(username) > 60:
        raise AccountError("Nama pengguna wajib diisi, paling banyak 60 karakter.")
    if role not in m.ROLES:
        raise AccountError(f"Peran tidak dikenal: {role}. Pilih salah satu: {', '.join(m.ROLES)}.")
    if (role == Role.MITRA) != bool(partner_code):
        raise AccountError("Akun mitra wajib menyebut kode mitra; peran lain tidak.")


def _partner_of(conn: Connection, partner_code: str | None) -> int | None:
    if not partner_code:
        return None
    partner_id = conn.execute(select(m.Partner.id).where(m.Partner.code == partner_code)).scalar()
    if partner_id is None:
        raise AccountError(f"Kode mitra tidak dikenal: {partner_code}.")
    return partner_id


def _existing(conn: Connection, username: str):
    row = conn.execute(select(m.User).where(m.User.username == username)).first()
    if row is None:
        raise AccountError(f"Pengguna {username} tidak ditemukan.")
    return row


def disable_user(*, actor: str, username: str) -> None:
    """Disable an account (audited); it can no longer log in."""
    with get_engine().begin() as conn:
        row = _existing(conn, username)
        conn.execute(update(m.User).where(m.User.id == row.id).values(disabled=True))
        session_rows.end_all_of(conn, row.id, "changed")
        record(
            conn,
            actor=actor,
            action="disable",
            entity="user",
            entity_id=row.id,
            old={"disabled": row.disabled},
            new={"disabled": True},
        )


def reset_password(*, actor: str, username: str, password: str, one_time: bool = False) -> None:
    """Set a new password and lift any lockout (audited; the hash is never logged); its
    sessions end at their next interaction. A `one_time` password must be replaced by the
    owner at the next sign-in."""
    check_password(password, username)
    with get_engine().begin() as conn:
        row = _existing(conn, username)
        conn.execute(
            update(m.User)
            .where(m.User.id == row.id)
            .values(
                password_hash=hash_password(password),
                must_change_password=one_time,
                failed_attempts=0,
                locked_until=None,
            )
        )
        session_rows.end_all_of(conn, row.id, "changed")
        record(
            conn,
            actor=actor,
            action="reset_password",
            entity="user",
            entity_id=row.id,
            new={"password": "sekali pakai" if one_time else "diubah"},
        )


def unlock_user(*, actor: str, username: str) -> None:
    """Lift a lockout and clear the failure count (audited), e.g. after someone else's
    wrong passwords locked a colleague out."""
    with get_engine().begin() as conn:
        row = _existing(conn, username)
        conn.execute(
            update(m.User).where(m.User.id == row.id).values(failed_attempts=0, locked_until=None)
        )
        record(
            conn,
            actor=actor,
            action="unlock",
            entity="user",
            entity_id=row.id,
            old={"failed_attempts": row.failed_attempts, "locked_until": row.locked_until},
            new={"failed_attempts": 0, "locked_until": None},
        )


def session_key(row) -> str:
    """What a signed-in session must still match at every interaction: the account's role,
    partner, state and password (a fingerprint of the hash, never the hash itself), and the
    e-mail and identity it is linked to for single sign-on, if any."""
    digest = hashlib.sha256(row.password_hash.encode()).hexdigest()[:16]
    key = f"{row.role}|{row.partner_id}|{int(bool(row.disabled))}|{digest}"
    if row.sso_subject:  # a linked identity: unlinking it or changing the e-mail ends sessions
        linked = f"{row.email}|{row.sso_issuer}|{row.sso_subject}".encode()
        key += "|" + hashlib.sha256(linked).hexdigest()[:16]
    return key


def current_session_key(username: str) -> str | None:
    """The account's session key now, or None if it no longer exists."""
    with get_engine().connect() as conn:
        row = conn.execute(select(m.User).where(m.User.username == username)).first()
    return session_key(row) if row is not None else None


def list_users() -> list[dict]:
    """Every account without its hash: username, full_name, role, partner_id, disabled, is_demo."""
    columns = (
        m.User.username,
        m.User.full_name,
        m.User.role,
        m.User.partner_id,
        m.User.disabled,
        m.User.is_demo,
    )
    with get_engine().connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(*columns).order_by(m.User.username))]


def production_problems() -> list[str]:
    """Reasons this database must not serve in production (APP_ENV=production)."""
    if os.environ.get("APP_ENV", "").strip().lower() != "production":
        return []
    with get_engine().connect() as conn:
        demo = conn.execute(
            select(func.count()).select_from(m.User).where(m.User.is_demo, ~m.User.disabled)
        ).scalar_one()
        demo_data = conn.execute(
            select(m.DatasetInfo.value).where(m.DatasetInfo.key == "is_demo")
        ).scalar()
    problems = []
    if demo:
        problems.append(
            f"{demo} akun contoh masih aktif "
            "(nonaktifkan dengan python -m data_access.accounts.users)"
        )
    if demo_data == "1":
        problems.append("basis data berisi data contoh")
    if len(os.environ.get("SESSION_SECRET", "").strip()) < 32:
        problems.append(
            "SESSION_SECRET belum diisi (paling sedikit 32 huruf acak, sama untuk setiap proses)"
        )
    return problems
