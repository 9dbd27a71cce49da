"""Passwords people do not choose themselves: an operator's account created from its
partner's page with a one-time password, a reset to a one-time password, and the change of
that password by its owner at the first sign-in."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select, update

from core.accounts import passwords
from core.accounts.roles import Role
from data_access import models as m
from data_access.accounts import session_rows
from data_access.accounts.accounts import (
    AccountError,
    check_password,
    create_user,
    hash_password,
    reset_password,
    session_key,
    verify_password,
)
from data_access.store.access import Viewer, guarded, require_admin
from data_access.store.audit import record
from data_access.store.db import get_engine


def _admin(viewer: Viewer) -> None:
    require_admin(viewer, "Hanya admin yang boleh membuat akun atau mengatur ulang kata sandi.")


def create_account(
    *,
    viewer: Viewer,
    username: str,
    full_name: str,
    role: str = Role.MITRA,
    partner_id: int | None = None,
) -> tuple[int, str]:
    """Create an account with a one-time password (audited): a partner's operator (`mitra`,
    with its partner) or a member of staff. Returns (account id, the password), to be shown
    once and changed at the first sign-in."""
    _admin(viewer)
    if not full_name.strip():
        raise AccountError("Nama lengkap wajib diisi.")
    password = passwords.one_time()
    with get_engine().begin() as conn:
        code = None
        if role == Role.MITRA:
            code = conn.execute(select(m.Partner.code).where(m.Partner.id == partner_id)).scalar()
            if code is None:
                raise AccountError("Mitra ini tidak ada lagi; muat ulang halaman.")
        user_id = create_user(
            conn,
            actor=viewer.username,
            username=username,
            full_name=full_name.strip(),
            role=role,
            password=password,
            partner_code=code,
            one_time=True,
        )
    return user_id, password


def reset_to_one_time(*, viewer: Viewer, username: str) -> str:
    """Give an account a new one-time password (audited, the lockout lifted); its sessions end
    at their next interaction. Returns the password, to be shown once."""
    _admin(viewer)
    password = passwords.one_time()
    reset_password(actor=viewer.username, username=username, password=password, one_time=True)
    return password


def change_own_password(
    *, viewer: Viewer, current: str, new: str, session_id: int | None = None
) -> str:
    """The signed-in person replaces their password (policy applies; not the same as the
    current one; audited). Returns the session key that keeps this session signed in; the
    browser session `session_id` goes on, the account's other sessions end."""
    if not viewer.username:
        raise AccountError("Silakan masuk terlebih dahulu.")
    check_password(new, viewer.username)
    if new == current:
        raise AccountError("Kata sandi baru harus berbeda dari kata sandi sekarang.")
    with get_engine().begin() as conn:
        row = conn.execute(select(m.User).where(m.User.username == viewer.username)).first()
        if row is None or row.disabled or not verify_password(row.password_hash, current):
            raise AccountError(
                "Kata sandi sekarang tidak cocok. Ketik kata sandi yang dipakai untuk masuk."
            )
        # Only the version that was checked: a reset by an admin in between wins.
        changed = conn.execute(
            update(m.User)
            .where(m.User.id == row.id, m.User.password_hash == row.password_hash)
            .values(password_hash=hash_password(new), must_change_password=False)
        ).rowcount
        if not changed:
            raise AccountError("Kata sandi akun ini baru saja diubah orang lain; masuk lagi.")
        record(
            conn,
            actor=viewer.username,
            action="change_password",
            entity="user",
            entity_id=row.id,
            new={"password": "diubah"},
        )
        fresh = conn.execute(select(m.User).where(m.User.id == row.id)).first()
        key = session_key(fresh)
        session_rows.rekey(conn, row.id, session_id, key)
    return key


ACCOUNT_COLUMNS = ["username", "full_name", "role", "disabled", "must_change_password",
                   "is_demo", "last_login_at", "email"]  # fmt: skip


def _accounts(where) -> pd.DataFrame:
    U = m.User
    query = select(*(getattr(U, c) for c in ACCOUNT_COLUMNS)).where(where)
    with get_engine().connect() as conn:
        rows = conn.execute(query.order_by(U.role, U.username)).all()
    return pd.DataFrame(rows, columns=ACCOUNT_COLUMNS)


@guarded(Role.ADMIN)
def partner_accounts(partner_id: int) -> pd.DataFrame:
    """The `mitra` accounts of one partner, without their hashes (ACCOUNT_COLUMNS)."""
    return _accounts(m.User.partner_id == partner_id)


@guarded(Role.ADMIN)
def staff_accounts() -> pd.DataFrame:
    """Accounts of the agency's own people (admin, pimpinan, verifikator), without hashes
    (ACCOUNT_COLUMNS)."""
    return _accounts(m.User.role != Role.MITRA)
