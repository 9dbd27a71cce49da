"""From demo to real: remove the demo data set and the demo accounts from a database, so that
the agency enters its own partners and figures into the same installation.

    python -m data_access.demo.demo_removal --actor NAME --yes

Everything the demo loaded goes (regions, villages, partners, MoUs, figures, reports,
assessments and what is derived from them); the audit trail and the accounts of real people
stay. Refused while a real partner account is bound to a demo partner. One transaction, with
an audit row counting what was removed; the demo label disappears with it. Exit codes: 0
done, 2 refused."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import delete, func, select, update

from core.accounts.roles import Role
from data_access import models as m
from data_access.accounts.accounts import AccountError
from data_access.store import changes
from data_access.store.access import AccessDenied, Viewer
from data_access.store.audit import record
from data_access.store.db import get_engine

# Kept: the audit trail (with the import rows under it), the accounts with their sessions
# (the admin removing the demo stays signed in), the access requests, the data set's facts.
KEPT = {
    "audit_log",
    "import_row",
    "app_user",
    "app_session",
    "access_request",
    "dataset_info",
    "data_change",  # counted up below: every app process drops its cached figures
}


class DemoRemovalError(AccountError):
    """The removal cannot run; the message says why and what to do."""


def remove_demo_data(*, actor: str, viewer: Viewer | None = None) -> dict[str, int]:
    """Remove the demo data and demo accounts (audited); returns rows removed per table.
    From the app (`viewer`): only a real admin account, which survives the removal; from the
    server's command line: `actor` names who ran it. Either way a real admin must exist, or
    nobody could sign in afterwards."""
    with get_engine().begin() as conn:
        _may_remove(conn, viewer)
        removed = _emptied(conn)
        conn.execute(update(m.DatasetInfo).where(m.DatasetInfo.key == "is_demo").values(value="0"))
        gone = ("as_of", "source", "area_version")  # the sample area list went with the rest
        conn.execute(delete(m.DatasetInfo).where(m.DatasetInfo.key.in_(gone)))
        record(
            conn,
            actor=actor,
            action="remove_demo",
            entity="dataset",
            entity_id="demo",
            old={"is_demo": True, "rows": removed},
            new={"is_demo": False},
        )
        conn.execute(changes.counted())
    return removed


def _may_remove(conn, viewer: Viewer | None) -> None:
    """Refuse unless a real admin exists (and, from the app, is the one asking), the data
    is demo data, and no real partner account is bound to a demo partner."""
    real_admins = set(
        conn.execute(
            select(m.User.username).where(
                m.User.role == Role.ADMIN, m.User.is_demo.is_(False), m.User.disabled.is_(False)
            )
        ).scalars()
    )
    if viewer is not None and viewer.username not in real_admins:
        raise AccessDenied(
            "Hanya akun admin sungguhan (bukan akun contoh) yang boleh menghapus data contoh."
        )
    if not real_admins:
        raise DemoRemovalError(
            "Buat dulu akun admin sungguhan "
            "(python -m data_access.accounts.users create … --role admin): akun contoh ikut "
            "terhapus, dan tanpa admin tidak ada yang bisa masuk."
        )
    flag = conn.execute(select(m.DatasetInfo.value).where(m.DatasetInfo.key == "is_demo")).scalar()
    if flag != "1":
        raise DemoRemovalError("Basis data ini tidak memuat data contoh; tidak ada yang dihapus.")
    bound = (
        conn.execute(
            select(m.User.username).where(m.User.is_demo.is_(False), m.User.partner_id.is_not(None))
        )
        .scalars()
        .all()
    )
    if bound:
        raise DemoRemovalError(
            "Akun mitra sungguhan masih terikat pada mitra contoh: "
            f"{', '.join(sorted(bound))}. Nonaktifkan atau hapus dulu, lalu ulangi."
        )


def _emptied(conn) -> dict[str, int]:
    """Remove the demo accounts, then every table's rows but the kept ones; rows removed
    per table."""
    # The demo accounts first (their sessions and notifications before them): a demo
    # operator's account points at its demo partner.
    demo = select(m.User.id).where(m.User.is_demo.is_(True))
    for owned in (m.AppSession, m.Notification):
        conn.execute(delete(owned).where(owned.user_id.in_(demo)))
    demo_users = delete(m.User).where(m.User.is_demo.is_(True))
    removed = {"app_user (demo)": conn.execute(demo_users).rowcount}
    for table in reversed(m.Base.metadata.sorted_tables):  # children before parents
        if table.name in KEPT:
            continue
        count = conn.execute(select(func.count()).select_from(table)).scalar()
        removed[table.name] = int(count)
        conn.execute(delete(table))
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access.demo.demo_removal")
    parser.add_argument("--actor", required=True, help="who removes it (for the audit trail)")
    parser.add_argument("--yes", action="store_true", help="confirm: the demo data is deleted")
    args = parser.parse_args(argv)
    if not args.yes:
        print(
            "Data contoh dan akun contoh akan dihapus permanen; ulangi dengan --yes.",
            file=sys.stderr,
        )
        return 2
    try:
        removed = remove_demo_data(actor=args.actor)
    except DemoRemovalError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"Data contoh dihapus: {sum(removed.values())} baris dari {len(removed)} tabel.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
