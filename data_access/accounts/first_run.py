"""The first day of a database without demo data: its first admin is created in the browser,
once, by whoever opens the app first; from then on admins create every other account."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.figures.periods import today
from data_access import models as m
from data_access.accounts.accounts import AccountError, create_user
from data_access.store.access import guarded
from data_access.store.db import get_engine

# A dataset_info row claimed in the same transaction as the account: of two people who
# submit the form at the same moment, the second one's insert fails on the primary key.
CLAIM = "first_admin"


def _admin_exists(conn) -> bool:
    admin = select(m.User.id).where(m.User.role == Role.ADMIN).limit(1)
    return conn.execute(admin).first() is not None


@guarded("public")
def first_admin_needed() -> bool:
    """True while the database has no admin account at all (demo or real)."""
    with get_engine().connect() as conn:
        return not _admin_exists(conn)


def create_first_admin(*, username: str, full_name: str, password: str) -> int:
    """Create the first admin (audited as its own act); refused once any admin exists, also
    when someone else created one a moment earlier. The password policy applies."""
    if not full_name.strip():
        raise AccountError("Nama lengkap wajib diisi.")
    try:
        with get_engine().begin() as conn:
            if _admin_exists(conn):
                raise AccountError(_ALREADY)
            conn.execute(insert(m.DatasetInfo).values(key=CLAIM, value=username.strip()[:200]))
            return create_user(
                conn,
                actor=username.strip()[:60],
                username=username,
                full_name=full_name.strip(),
                role=Role.ADMIN,
                password=password,
            )
    except IntegrityError as exc:
        raise AccountError(_ALREADY) from exc


_ALREADY = "Admin pertama sudah dibuat. Masuk dengan akun itu, atau minta admin membuatkan akun."


@guarded(Role.ADMIN)
def setup_counts() -> dict[str, int]:
    """What a real agency has set up so far, for the setup checklist: kabupaten/kota on the
    area list, partners, MoUs, PKS, follow-through items, partners with a target for this
    year, real operator accounts, real staff accounts besides admins (demo accounts do not
    count)."""
    U = m.User
    with get_engine().connect() as conn:

        def count(query) -> int:
            return conn.execute(query).scalar_one()

        return {
            "areas": count(
                select(func.count())
                .select_from(m.Area)
                .where(m.Area.level == "kabupaten_kota", ~m.Area.retired)
            ),
            "partners": count(select(func.count()).select_from(m.Partner)),
            "mous": count(select(func.count()).select_from(m.Mou)),
            "pks": count(select(func.count()).select_from(m.Pks)),
            "items": count(select(func.count()).select_from(m.Deliverable)),
            "targets": count(
                select(func.count())
                .select_from(m.PartnerTarget)
                .where(m.PartnerTarget.year == today().year)
            ),
            "operators": count(
                select(func.count()).select_from(U).where(U.role == Role.MITRA, ~U.is_demo)
            ),
            "staff": count(
                select(func.count())
                .select_from(U)
                .where(U.role.in_((Role.PIMPINAN, Role.VERIFIKATOR)), ~U.is_demo)
            ),
        }
