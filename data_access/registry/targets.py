"""Yearly targets per partner, kept by admins in the registry: the training budget it
allocates, the trainees it trains and the villages its socialization reaches. Every save is
audited; an edit names the version it started from and is refused when someone saved the
same target in between."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.registry.registry_rules import target_problems
from data_access import models as m
from data_access.registry.registry import RegistryRefused, StaleRegistry
from data_access.store.access import Viewer, guarded, require_admin
from data_access.store.audit import record
from data_access.store.db import writing
from data_access.store.query import PARTNER_COLUMNS, PARTNER_NAMES, filter_partners, frame

T = m.PartnerTarget
TARGETS = ["budget_target_rp", "trainees_target", "villages_target"]


@guarded("peers")
def partner_targets(
    *, year: int, partner_type: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """Each partner's registered target for `year` (zeros where none is registered).

    Columns: partner_id: int; code, short_name, partner_type, province: str;
    budget_target_rp: int, Rupiah, training budget it committed to allocate;
    trainees_target: int, people to train; villages_target: int, desa/kelurahan to reach
    in the year; has_target: bool, whether a target is registered for the year.
    """
    stmt = (
        select(*PARTNER_COLUMNS)
        .add_columns(
            func.coalesce(T.budget_rp, 0),
            func.coalesce(T.trainees, 0),
            func.coalesce(T.villages, 0),
            T.id.is_not(None),
        )
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .outerjoin(T, (T.partner_id == m.Partner.id) & (T.year == year))
        .order_by(m.Partner.id)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    out = frame(stmt, [*PARTNER_NAMES, *TARGETS, "has_target"])
    out["has_target"] = out["has_target"].astype(bool)
    return out


@guarded(Role.ADMIN)
def registry_targets(*, year: int) -> pd.DataFrame:
    """Every partner with its target for `year`, as the registry form edits it.

    Columns: partner_id: int; short_name, partner_type: str; villages_total: int, desa and
    kelurahan of a regional partner's area (0 for an institution); budget_target_rp,
    trainees_target, villages_target: int (0 without a target); version: int, the target's
    version (0 when none is registered yet).
    """
    R = m.Region
    stmt = (
        select(
            m.Partner.id,
            m.Partner.short_name,
            m.Partner.partner_type,
            R.desa_count + R.kelurahan_count,
            func.coalesce(T.budget_rp, 0),
            func.coalesce(T.trainees, 0),
            func.coalesce(T.villages, 0),
            func.coalesce(T.version, 0),
        )
        .join(R, R.id == m.Partner.region_id)
        .outerjoin(T, (T.partner_id == m.Partner.id) & (T.year == year))
        .order_by(m.Partner.partner_type.desc(), m.Partner.short_name)
    )
    columns = ["partner_id", "short_name", "partner_type", "villages_total", *TARGETS, "version"]
    out = frame(stmt, columns)
    out.loc[out["partner_type"] != "pemda", "villages_total"] = 0
    return out


def save_target(
    *,
    viewer: Viewer,
    partner_id: int,
    year: int,
    budget_rp: int,
    trainees: int,
    villages: int,
    expected_version: int,
    conn: Connection | None = None,
) -> int:
    """Set a partner's target for `year` (audited); returns the target's new version.
    `expected_version` is the version the form showed: 0 when no target was registered."""
    require_admin(viewer, "Hanya admin yang boleh mengubah target mitra.")
    values = {"budget_rp": int(budget_rp), "trainees": int(trainees), "villages": int(villages)}
    stale = StaleRegistry(
        "Target ini baru saja diubah orang lain. Muat ulang halaman, periksa isinya, lalu "
        "simpan lagi."
    )
    try:
        with writing(conn) as conn:
            partner = conn.execute(
                select(m.Partner.partner_type, m.Region.desa_count + m.Region.kelurahan_count)
                .join(m.Region, m.Region.id == m.Partner.region_id)
                .where(m.Partner.id == partner_id)
            ).first()
            if partner is None:
                raise RegistryRefused("Mitra ini tidak ada lagi; muat ulang halaman.")
            limit = partner[1] if partner[0] == "pemda" else None
            problems = target_problems(year, **values, villages_total=limit)
            if problems:
                raise RegistryRefused(" ".join(problems))
            where = (T.partner_id == partner_id) & (T.year == year)
            if expected_version == 0:
                conn.execute(insert(T).values(partner_id=partner_id, year=year, **values))
                old = None
            else:
                old = conn.execute(select(T.budget_rp, T.trainees, T.villages).where(where)).first()
                changed = conn.execute(
                    update(T)
                    .where(where, T.version == expected_version)
                    .values(**values, version=T.version + 1)
                ).rowcount
                if not changed:
                    raise stale
            record(
                conn,
                actor=viewer.username,
                action="create" if old is None else "update",
                entity="partner_target",
                entity_id=partner_id,
                old=None if old is None else dict(old._mapping),
                new={"year": year, **values},
            )
            return expected_version + 1
    except IntegrityError as exc:  # a target for this partner and year came first
        raise stale from exc
