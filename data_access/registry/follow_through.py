"""An MoU's follow-through items kept by admins: one row per partner and standard item, its
status, due date, completion date and evidence; audited, and refused when someone saved the
same item after the form was opened."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.figures.deliverables import item_problems
from core.figures.periods import today
from data_access import models as m
from data_access.registry.registry import RegistryRefused, StaleRegistry
from data_access.store.access import Viewer, guarded, require_admin
from data_access.store.audit import record
from data_access.store.db import get_engine, writing

D = m.Deliverable


@guarded(Role.ADMIN)
def follow_through_items(partner_id: int) -> pd.DataFrame:
    """A partner's items for the registry form. Columns: scope_code, kind, status, due_on,
    completed_on, evidence_note, version."""
    query = (
        select(D.scope_code, D.kind, D.status, D.due_on, D.completed_on, D.evidence_note, D.version)
        .where(D.partner_id == partner_id)
        .order_by(D.scope_code, D.kind)
    )
    columns = ["scope_code", "kind", "status", "due_on", "completed_on", "evidence_note",
               "version"]  # fmt: skip
    with get_engine().connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=columns)


def save_item(
    *,
    viewer: Viewer,
    partner_id: int,
    scope_code: str,
    kind: str,
    status: str,
    due_on: date | None,
    completed_on: date | None,
    evidence_note: str = "",
    expected_version: int | None = None,
    conn: Connection | None = None,
) -> int:
    """Add a standard item to a partner (expected_version None) or change it; audited.
    Returns the item's new version."""
    require_admin(viewer, "Hanya admin yang boleh mengubah butir tindak lanjut.")
    evidence_note = evidence_note.strip()
    values = {"status": status, "due_on": due_on, "completed_on": completed_on,
              "evidence_note": evidence_note}  # fmt: skip
    try:
        with writing(conn) as conn:
            _item_checked(conn, partner_id, scope_code, kind, values)
            key = (D.partner_id == partner_id, D.scope_code == scope_code, D.kind == kind)
            old = conn.execute(select(D).where(*key)).first()
            if expected_version is None:
                if old is not None:
                    raise StaleRegistry(_STALE)
                _item_added(conn, viewer, partner_id, scope_code, kind, values)
                return 1
            changed = conn.execute(
                update(D)
                .where(*key, D.version == expected_version)
                .values(**values, version=D.version + 1)
            ).rowcount
            if not changed:
                raise StaleRegistry(_STALE)
            before = {k: getattr(old, k) for k in values}
            record(
                conn,
                actor=viewer.username,
                action="update",
                entity="deliverable",
                entity_id=old.id,
                old=before,
                new=values,
            )
            return expected_version + 1
    except IntegrityError as exc:  # the same item added by someone else a moment earlier
        raise StaleRegistry(_STALE) from exc


_STALE = (
    "Butir ini baru saja disimpan orang lain. Muat ulang halaman, periksa isinya, lalu simpan lagi."
)


def _item_checked(conn, partner_id: int, scope_code: str, kind: str, values: dict) -> None:
    """Refuse an item the partner's type has not, or whose dates and evidence do not fit."""
    kind_of = conn.execute(
        select(m.Partner.partner_type).where(m.Partner.id == partner_id)
    ).scalar()
    if kind_of is None:
        raise RegistryRefused("Mitra ini tidak ada lagi; muat ulang halaman.")
    problems = item_problems(kind_of, scope_code, kind, values["status"], values["due_on"],
                             values["completed_on"], values["evidence_note"], today())  # fmt: skip
    if problems:
        raise RegistryRefused(" ".join(problems))


def _item_added(conn, viewer: Viewer, partner_id: int, scope_code: str, kind: str,
                values: dict) -> None:  # fmt: skip
    item_id = conn.execute(
        insert(D).values(partner_id=partner_id, scope_code=scope_code, kind=kind, **values)
    ).inserted_primary_key[0]
    new = {"scope_code": scope_code, "kind": kind, **values}
    record(conn, actor=viewer.username, action="create", entity="deliverable",
           entity_id=item_id, new=new)  # fmt: skip
