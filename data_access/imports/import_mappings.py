"""The columns earlier imports took from their files, remembered per partner (or for the
agency's files of several partners) and kind: the next file of the same layout is mapped
alike. Written inside the import's own transaction; read before a file is mapped."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from data_access import models as m
from data_access.imports.import_lookups import may_import
from data_access.store.access import Viewer
from data_access.store.db import get_engine

AGENCY = "badan"


def scope_of(partner_id: int | None) -> str:
    return f"mitra:{partner_id}" if partner_id is not None else AGENCY


def remembered(*, viewer: Viewer, kind: str) -> list[dict[str, str]]:
    """The mappings (field → column name) used before for `kind`: a partner's account gets
    its own partner's; an admin gets every partner's and the agency's, the most recent
    first, and the import takes the one that fits the file best."""
    may_import(viewer)
    stmt = select(m.ImportMapping.columns).where(m.ImportMapping.kind == kind)
    if viewer.is_partner:
        stmt = stmt.where(m.ImportMapping.scope == scope_of(viewer.partner_id))
    stmt = stmt.order_by(m.ImportMapping.updated_at.desc(), m.ImportMapping.id.desc())
    with get_engine().connect() as conn:
        return [json.loads(text) for text in conn.execute(stmt).scalars()]


def _remember(
    conn: Connection, *, actor: str, kind: str, partner_ids: set[int], columns: dict[str, str]
) -> None:
    """Keep `columns` for the partner of the import's rows (the agency's scope when they are
    of several partners), replacing what was kept before: one statement, so two imports at
    once leave one row, the later one's."""
    if not columns:
        return
    partner = next(iter(partner_ids)) if len(partner_ids) == 1 else None
    values = {
        "scope": scope_of(partner),
        "partner_id": partner,
        "kind": kind,
        "columns": json.dumps(columns, ensure_ascii=False, sort_keys=True),
        "updated_at": datetime.now(),
        "updated_by": actor,
    }
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(m.ImportMapping).values(**values)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["scope", "kind"],
            set_={k: stmt.excluded[k] for k in ("columns", "updated_at", "updated_by")},
        )
    )
