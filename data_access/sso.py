"""Single sign-on: an identity the provider vouches for (data_access.sso.Identity, from
st.user) becomes a session of the account with its e-mail; an identity without an account
is recorded as a request for the admins. Every outcome is audited like a local sign-in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from core.session_tokens import digest
from data_access import models as m
from data_access.access import Viewer, guarded, require_admin
from data_access.accounts import Account, AccountError, account_of, record
from data_access.db import get_engine
from data_access.query import frame
from data_access.sessions import insert_session

U, R = m.User, m.AccessRequest
EMAIL = re.compile(r"^[^@\s]{1,100}@[^@\s]{1,100}\.[^@\s]{2,40}$")


@dataclass(frozen=True)
class Identity:
    provider: str  # the provider's name in .streamlit/secrets.toml
    subject: str  # the provider's id of the person ("sub")
    email: str
    name: str
    issued_at: int  # when the provider issued the identity token ("iat", epoch seconds)

    @property
    def key(self) -> str:
        return digest(f"{self.provider}|{self.subject}|{self.issued_at}")


@dataclass(frozen=True)
class SsoResult:
    reason: str  # ok | unknown | disabled | used | no_email
    account: Account | None = None
    session_id: int | None = None
    code: str = ""  # the hand-over code of the new session (data_access.sessions.redeem)


def sign_in(identity: Identity, *, client: str = "", now: datetime | None = None) -> SsoResult:
    """Open a session for the account whose e-mail the identity carries. One identity token
    opens one session: a second use (a stale identity cookie, a replay) is refused."""
    now = now or datetime.now()
    email = identity.email.strip().lower()[:200]
    if not EMAIL.match(email):
        with get_engine().begin() as conn:
            _refused(conn, identity.subject[:60] or "-", "-", "no_email", identity)
        return SsoResult("no_email")
    try:
        with get_engine().begin() as conn:
            row = conn.execute(select(U).where(func.lower(U.email) == email)).first()
            if row is None:
                _request(conn, identity, email, now)
                _refused(conn, email[:60], "-", "unknown_identity", identity)
                return SsoResult("unknown")
            if row.disabled:
                _refused(conn, row.username, row.id, "disabled", identity)
                return SsoResult("disabled")
            session_id, code = insert_session(conn, row.id, method="sso", client=client, now=now,
                                              identity_key=identity.key)  # fmt: skip
            conn.execute(update(U).where(U.id == row.id).values(last_login_at=now))
            record(conn, actor=row.username, action="login", entity="user", entity_id=row.id,
                   new={"via": identity.provider})  # fmt: skip
            return SsoResult("ok", account_of(row), session_id, code)
    except IntegrityError:  # this identity token opened a session already
        return SsoResult("used")


def _refused(conn, actor: str, entity_id, reason: str, identity: Identity) -> None:
    record(conn, actor=actor, action="login_refused", entity="user", entity_id=entity_id,
           new={"reason": reason, "via": identity.provider})  # fmt: skip


def _request(conn, identity: Identity, email: str, now: datetime) -> None:
    """One request per e-mail, its attempts counted (two at once: one row)."""
    counted = conn.execute(
        update(R)
        .where(R.email == email)
        .values(
            attempts=R.attempts + 1,
            last_at=now,
            handled_at=None,
            handled_by=None,
            name=identity.name[:200],
            provider=identity.provider[:40],
        )  # fmt: skip
    ).rowcount
    if counted:
        return
    try:
        with conn.begin_nested():
            conn.execute(
                R.__table__.insert().values(
                    email=email,
                    name=identity.name[:200],
                    provider=identity.provider[:40],
                    first_at=now,
                    last_at=now,
                    attempts=1,
                )  # fmt: skip
            )
    except IntegrityError:  # the same e-mail at the same moment: count it there
        conn.execute(update(R).where(R.email == email).values(attempts=R.attempts + 1, last_at=now))


@guarded("admin")
def access_requests() -> pd.DataFrame:
    """Identities that signed in through the provider without an account and are not
    handled yet, latest first.

    Columns: request_id: int; email, name, provider: str; first_at, last_at: datetime;
    attempts: int.
    """
    stmt = (
        select(R.id, R.email, R.name, R.provider, R.first_at, R.last_at, R.attempts)
        .where(R.handled_at.is_(None))
        .order_by(R.last_at.desc(), R.id.desc())
    )
    return frame(stmt, ["request_id", "email", "name", "provider", "first_at", "last_at",
                        "attempts"])  # fmt: skip


def mark_handled(*, viewer: Viewer, request_id: int) -> bool:
    """An admin has dealt with a request (given the person an account, or refused it);
    audited. False if it was handled already."""
    require_admin(viewer, "Hanya admin yang menangani permintaan akses.")
    with get_engine().begin() as conn:
        done = conn.execute(
            update(R)
            .where(R.id == int(request_id), R.handled_at.is_(None))
            .values(handled_at=datetime.now(), handled_by=viewer.username)
        ).rowcount
        if done:
            record(conn, actor=viewer.username, action="handle_request", entity="access_request",
                   entity_id=request_id)  # fmt: skip
    return bool(done)


def set_email(*, viewer: Viewer, username: str, email: str) -> None:
    """An admin links an account to the e-mail its owner signs in with at the provider
    (empty: unlinked); audited. An e-mail belongs to one account at most."""
    require_admin(viewer, "Hanya admin yang mengatur e-mail akun.")
    email = email.strip().lower()
    if email and not EMAIL.match(email):
        raise AccountError(
            f"Alamat e-mail {email[:80]!r} tidak sah; tulis seperti nama@instansi.go.id."
        )
    with get_engine().begin() as conn:
        row = conn.execute(
            select(U).where(func.lower(U.username) == username.strip().lower())
        ).first()
        if row is None:
            raise AccountError(f"Akun {username[:60]!r} tidak ada.")
        if email:
            other = conn.execute(
                select(U.username).where(func.lower(U.email) == email, U.id != row.id)
            ).scalar()
            if other:
                raise AccountError(
                    f"E-mail ini sudah dipakai akun {other}; satu e-mail untuk satu akun."
                )
        try:
            with conn.begin_nested():
                conn.execute(update(U).where(U.id == row.id).values(email=email or None))
        except IntegrityError:
            raise AccountError(
                "E-mail ini baru saja dipakai akun lain; muat ulang halaman."
            ) from None
        record(conn, actor=viewer.username, action="set_email", entity="user", entity_id=row.id,
               old={"email": row.email}, new={"email": email or None})  # fmt: skip


def admin_names() -> list[str]:
    """The full names of the active admins: whom a person without an account asks."""
    with get_engine().connect() as conn:
        rows = conn.execute(
            select(U.full_name).where(U.role == "admin", ~U.disabled, ~U.is_demo)
            .order_by(U.full_name)
        ).all()  # fmt: skip
    return [r.full_name for r in rows]
