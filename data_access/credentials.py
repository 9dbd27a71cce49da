"""Passwords people do not choose themselves: an operator's account created from its
partner's page with a one-time password, a reset to a one-time password, and the change of
that password by its owner at the first sign-in."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select, update

from core import passwords
from data_access import models as m
from data_access.access import AccessDenied, Viewer, guarded
from data_access.accounts import (
    AccountError,
    check_password,
    create_user,
    hash_password,
    record,
    session_key,
    verify_password,
)
from data_access.db import get_engine


def _admin(viewer: Viewer) -> None:
    if viewer.role != "admin":
        raise AccessDenied("Hanya admin yang boleh membuat akun atau mengatur ulang kata sandi.")


def create_account(
    *,
    viewer: Viewer,
    username: str,
    full_name: str,
    role: str = "mitra",
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
        if role == "mitra":
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
        )
        conn.execute(update(m.User).where(m.User.id == user_id).values(must_change_password=True))
    return user_id, password


def reset_to_one_time(*, viewer: Viewer, username: str) -> str:
    """Give an account a new one-time password (audited, the lockout lifted); its sessions end
    at their next interaction. Returns the password, to be shown once."""
    _admin(viewer)
    password = passwords.one_time()
    with get_engine().begin() as conn:
        row = conn.execute(select(m.User).where(m.User.username == username)).first()
        if row is None:
            raise AccountError(f"Pengguna {username} tidak ditemukan.")
        conn.execute(
            update(m.User)
            .where(m.User.id == row.id)
            .values(
                password_hash=hash_password(password),
                must_change_password=True,
                failed_attempts=0,
                locked_until=None,
            )
        )
        record(conn, actor=viewer.username, action="reset_password", entity="user",
               entity_id=row.id, new={"password": "sekali pakai"})  # fmt: skip
    return password


def change_own_password(*, viewer: Viewer, current: str, new: str) -> str:
    """The signed-in person replaces their password (policy applies; not the same as the
    current one; audited). Returns the session key that keeps this session signed in."""
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
        record(conn, actor=viewer.username, action="change_password", entity="user",
               entity_id=row.id, new={"password": "diubah"})  # fmt: skip
        fresh = conn.execute(select(m.User).where(m.User.id == row.id)).first()
    return session_key(fresh)


@guarded("admin")
def partner_accounts(partner_id: int) -> pd.DataFrame:
    """The `mitra` accounts of one partner, without their hashes.

    Columns: username, full_name, disabled, must_change_password, is_demo, last_login_at.
    """
    U = m.User
    query = (
        select(
            U.username, U.full_name, U.disabled, U.must_change_password, U.is_demo, U.last_login_at
        )  # fmt: skip
        .where(U.partner_id == partner_id)
        .order_by(U.username)
    )
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    columns = ["username", "full_name", "disabled", "must_change_password", "is_demo",
               "last_login_at"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


@guarded("admin")
def staff_accounts() -> pd.DataFrame:
    """Accounts of the agency's own people (admin, pimpinan, verifikator), without hashes.

    Columns: username, full_name, role, disabled, must_change_password, is_demo, last_login_at.
    """
    U = m.User
    query = (
        select(
            U.username,
            U.full_name,
            U.role,
            U.disabled,
            U.must_change_password,
            U.is_demo,
            U.last_login_at,
        )  # fmt: skip
        .where(U.role != "mitra")
        .order_by(U.role, U.username)
    )
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    columns = ["username", "full_name", "role", "disabled", "must_change_password", "is_demo",
               "last_login_at"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
