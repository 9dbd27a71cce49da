"""Accounts and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.accounts.roles import Role
from data_access.models.base import Base

ROLES = tuple(role.value for role in Role)


class User(Base):
    """A local account. A `mitra` account is bound to exactly one partner."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="role"),
        CheckConstraint(
            f"(role = '{Role.MITRA.value}') = (partner_id IS NOT NULL)", name="partner"
        ),
        # One account per name whatever its case: two admins typing Budi and budi at once
        # cannot both succeed.
        Index("uq_app_user_username_lower", func.lower(text("username")), unique=True),
        # An identity from the single sign-on provider finds its account by e-mail.
        Index("uq_app_user_email_lower", func.lower(text("email")), unique=True),
        # Once linked, an identity is its issuer and subject: one account each.
        Index("uq_app_user_sso_identity", "sso_issuer", "sso_subject", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set with a one-time password an admin hands over; the owner replaces it to go on.
    # (server default only: inserts leave it out, so older schemas still take them)
    must_change_password: Mapped[bool] = mapped_column(Boolean, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Set by an admin: a person signing in through the provider with this e-mail is this
    # account (data_access.accounts.sso).
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The provider (its name in .streamlit/secrets.toml) whose identity with this e-mail may
    # link itself to the account; None: the installation's only provider.
    sso_provider: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # The identity linked at the first sign-in through the provider: matched on these
    # afterwards, never on the e-mail again (data_access.accounts.sso).
    sso_issuer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sso_subject: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sso_linked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AuditLog(Base):
    """Who changed what, when: written in the same transaction as the change itself."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(60), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(60))
    old_values: Mapped[str] = mapped_column(Text, default="{}")
    new_values: Mapped[str] = mapped_column(Text, default="{}")


class ImportRow(Base):
    """Every row an import added or changed, with its old and new values, under the import's
    audit row: the import can be reconstructed however many rows it touched."""

    __tablename__ = "import_row"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit_log.id"), index=True)
    file_row: Mapped[int | None] = mapped_column(Integer, nullable=True)
    row_key: Mapped[str] = mapped_column(Text)
    old_values: Mapped[str | None] = mapped_column(Text, nullable=True)  # None: added
    new_values: Mapped[str] = mapped_column(Text)


class AppSession(Base):
    """A signed-in browser: what a reload, a second tab or a link from an e-mail resumes.

    The browser holds a random token in an HttpOnly cookie; only its SHA-256 is kept here.
    A sign-in first stores a one-time hand-over code (`handoff_hash`, valid until
    `handoff_until`) that the browser exchanges once for the token (data_access.accounts.sessions),
    and only the browser that signed in: `handoff_browser` is the SHA-256 of that browser's
    own cookie (core.accounts.session_tokens.BROWSER).
    `account_key` is the account's accounts.session_key at sign-in: a changed role, partner,
    password or a disabled account ends the session at its next use.
    """

    __tablename__ = "app_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    handoff_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    handoff_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    handoff_browser: Mapped[str | None] = mapped_column(String(64), nullable=True)
    account_key: Mapped[str] = mapped_column(String(120))
    method: Mapped[str] = mapped_column(String(10))  # local | sso
    client: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    ended_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # A single sign-on session: the SHA-256 of the provider's identity token (subject and
    # time of issue), so that one sign-in at the provider opens one session, never again.
    identity_key: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)


class AccessRequest(Base):
    """Someone who signed in through the provider without an account here: the admins see
    the request (one row per e-mail, counting the attempts) and mark it handled."""

    __tablename__ = "access_request"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(40))
    first_at: Mapped[datetime] = mapped_column(DateTime)
    last_at: Mapped[datetime] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    handled_by: Mapped[str | None] = mapped_column(String(60), nullable=True)


class SignInFailure(Base):
    """A failed sign-in from one client address (and the account it named, if any): the
    per-address throttle of every app process counts these, and a locked account still
    takes its right password from an address that has none against it."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (Index("ix_sign_in_failure_client_at", "client", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
