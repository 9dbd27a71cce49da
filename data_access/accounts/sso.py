"""Single sign-on: an identity the provider vouches for (data_access.accounts.sso.Identity, from
st.user) becomes a session of its account. An account is found by the identity's issuer and
subject once linked; before that, by a verified e-mail from the provider the account may use,
which links it. An identity without an account is recorded as a request for the admins. Every
outcome is audited like a local sign-in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.accounts.session_tokens import digest
from data_access import models as m
from data_access.accounts import session_rows
from data_access.accounts.accounts import Account, AccountError, account_of, session_key
from data_access.accounts.sessions import insert_session
from data_access.store.access import Viewer, guarded, require_admin
from data_access.store.audit import record
from data_access.store.db import get_engine
from data_access.store.query import frame

U, R = m.User, m.AccessRequest
EMAIL = re.compile(r"^[^@\s]{1,100}@[^@\s]{1,100}\.[^@\s]{2,40}$")
PROVIDER_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


@dataclass(frozen=True)
class Identity:
    provider: str  # the provider's name in .streamlit/secrets.toml
    subject: str  # the provider's id of the person ("sub")
    email: str
    name: str
    issued_at: int  # when the provider issued the identity token ("iat", epoch seconds)
    issuer: str = ""  # the provider's issuer ("iss"); its name when the token has none
    email_verified: bool = False  # the provider says the e-mail is the person's ("email_verified")
    sole_provider: bool = False  # the only provider configured on this installation

    @property
    def key(self) -> str:
        return digest(f"{self.provider}|{self.subject}|{self.issued_at}")

    @property
    def bound_issuer(self) -> str:
        return (self.issuer or f"provider:{self.provider}")[:200]


@dataclass(frozen=True)
class SsoResult:
    # ok | unknown | disabled | used | no_email | unverified | other_provider | other_identity
    reason: str
    account: Account | None = None
    session_id: int | None = None
    code: str = ""  # the hand-over code of the new session (data_access.accounts.sessions.redeem)


def sign_in(
    identity: Identity, *, browser: str = "", client: str = "", now: datetime | None = None
) -> SsoResult:
    """Open a session for the account the identity is linked to, or, for an account not yet
    linked, the one whose e-mail the provider has verified, if the account may use this
    provider; the identity is linked to it then. Its hand-over code is for `browser` (the
    mark of the browser that signed in, data_access.accounts.sessions.redeem). One identity token
    opens one session: a second use (a stale identity cookie, a replay) is refused."""
    now = now or datetime.now()
    email = identity.email.strip().lower()[:200]
    if not identity.subject or not EMAIL.match(email) or not identity.email_verified:
        reason = "unverified" if identity.subject and EMAIL.match(email) else "no_email"
        with get_engine().begin() as conn:
            _refused(conn, email[:60] or identity.subject[:60] or "-", "-", reason, identity)
        return SsoResult(reason)
    try:
        with get_engine().begin() as conn:
            row, reason = _account_for(conn, identity, email, now)
            if reason != "ok":
                if reason == "unknown":
                    _request(conn, identity, email, now)
                actor, entity_id = (row.username, row.id) if row is not None else (email[:60], "-")
                _refused(conn, actor, entity_id, reason, identity)
                return SsoResult(reason)
            session_id, code = insert_session(
                conn,
                row.id,
                method="sso",
                browser=browser,
                client=client,
                now=now,
                identity_key=identity.key,
            )
            conn.execute(update(U).where(U.id == row.id).values(last_login_at=now))
            record(
                conn,
                actor=row.username,
                action="login",
                entity="user",
                entity_id=row.id,
                new={"via": identity.provider},
            )
            return SsoResult("ok", account_of(row), session_id, code)
    except IntegrityError:  # this identity token opened a session already
        return SsoResult("used")


def _account_for(conn, identity: Identity, email: str, now: datetime):
    """(the account row, "ok") for the identity, or (the row or None, why it is refused).
    Matched on the linked issuer and subject; the e-mail finds only an account not linked
    yet, and only from the provider it may use, which links it (its row locked meanwhile)."""
    linked = conn.execute(
        select(U).where(
            U.sso_issuer == identity.bound_issuer, U.sso_subject == identity.subject[:200]
        )
    ).first()
    if linked is not None:
        return linked, "disabled" if linked.disabled else "ok"
    row = conn.execute(select(U).where(func.lower(U.email) == email).with_for_update()).first()
    if row is None:
        return None, "unknown"
    if row.sso_subject is not None:
        if (row.sso_issuer, row.sso_subject) == (identity.bound_issuer, identity.subject[:200]):
            return row, "disabled" if row.disabled else "ok"  # linked a moment ago, by a twin
        return row, "other_identity"  # linked to another subject, or another issuer's
    if row.sso_provider != identity.provider and not (
        row.sso_provider is None and identity.sole_provider
    ):
        return row, "other_provider"
    if row.disabled:
        return row, "disabled"
    return _link(conn, row, identity, now)


def _link(conn, row, identity: Identity, now: datetime):
    """Link the account to the identity, unless another sign-in linked it a moment ago
    (then: the same identity goes on, another is refused); the account's open sessions go
    on under the new key."""
    issuer, subject = identity.bound_issuer, identity.subject[:200]
    won = conn.execute(
        update(U)
        .where(U.id == row.id, U.sso_subject.is_(None))
        .values(sso_issuer=issuer, sso_subject=subject, sso_linked_at=now)
    ).rowcount
    linked = conn.execute(select(U).where(U.id == row.id)).one()
    if not won:
        same = (linked.sso_issuer, linked.sso_subject) == (issuer, subject)
        return linked, "ok" if same else "other_identity"
    session_rows.carry_over(conn, row.id, session_key(row), session_key(linked))
    record(
        conn,
        actor=row.username,
        action="sso_link",
        entity="user",
        entity_id=row.id,
        new={"via": identity.provider, "issuer": issuer},
    )
    return linked, "ok"


def _refused(conn, actor: str, entity_id, reason: str, identity: Identity) -> None:
    record(
        conn,
        actor=actor,
        action="login_refused",
        entity="user",
        entity_id=entity_id,
        new={"reason": reason, "via": identity.provider},
    )


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
        )
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
                )
            )
    except IntegrityError:  # the same e-mail at the same moment: count it there
        conn.execute(update(R).where(R.email == email).values(attempts=R.attempts + 1, last_at=now))


@guarded(Role.ADMIN)
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
    return frame(
        stmt, ["request_id", "email", "name", "provider", "first_at", "last_at", "attempts"]
    )


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
            record(
                conn,
                actor=viewer.username,
                action="handle_request",
                entity="access_request",
                entity_id=request_id,
            )
    return bool(done)


def set_email(*, viewer: Viewer, username: str, email: str, provider: str | None = None) -> None:
    """An admin links an account to the e-mail its owner signs in with at the provider
    (empty: unlinked) and names that provider (None: the installation's only one); audited.
    An e-mail belongs to one account at most. A changed e-mail or provider unlinks the
    identity the account had, which ends its single sign-on sessions at their next click."""
    require_admin(viewer, "Hanya admin yang mengatur e-mail akun.")
    email = email.strip().lower()
    provider = (provider or "").strip() or None
    if email and not EMAIL.match(email):
        raise AccountError(
            f"Alamat e-mail {email[:80]!r} tidak sah; tulis seperti nama@instansi.go.id."
        )
    if provider and not PROVIDER_NAME.match(provider):
        raise AccountError(f"Nama penyedia SSO {provider[:40]!r} tidak dikenal.")
    with get_engine().begin() as conn:
        row = conn.execute(
            select(U).where(func.lower(U.username) == username.strip().lower()).with_for_update()
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
        same = (row.email or "") == email and row.sso_provider == provider
        values = {"email": email or None, "sso_provider": provider if email else None}
        if not same:
            values.update(sso_issuer=None, sso_subject=None, sso_linked_at=None)
        try:
            with conn.begin_nested():
                conn.execute(update(U).where(U.id == row.id).values(**values))
        except IntegrityError:
            raise AccountError(
                "E-mail ini baru saja dipakai akun lain; muat ulang halaman."
            ) from None
        changed = conn.execute(select(U).where(U.id == row.id)).one()
        # Sessions signed in with the password go on; those through the provider end.
        session_rows.carry_over(
            conn, row.id, session_key(row), session_key(changed), method="local"
        )
        record(
            conn,
            actor=viewer.username,
            action="set_email",
            entity="user",
            entity_id=row.id,
            old={"email": row.email, "provider": row.sso_provider},
            new={"email": email or None, "provider": values["sso_provider"]},
        )


def admin_names() -> list[str]:
    """The full names of the active admins: whom a person without an account asks."""
    with get_engine().connect() as conn:
        rows = conn.execute(
            select(U.full_name)
            .where(U.role == Role.ADMIN, ~U.disabled, ~U.is_demo)
            .order_by(U.full_name)
        ).all()
    return [r.full_name for r in rows]
