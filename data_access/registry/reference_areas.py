"""The official area list in the database: loaded by admins from the Kemendagri file, in one
audited transaction, with the decree it comes from as its version label."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.registry.reference_areas import Area
from data_access import models as m
from data_access.store.access import Viewer, guarded, require_admin
from data_access.store.audit import record
from data_access.store.db import get_engine

VERSION_KEY = "area_version"
MAX_LABEL = 120


class AreaLoadRefused(ValueError):
    """The list cannot be loaded as it is; the message says why and what to do."""


@guarded(Role.ADMIN)
def loaded_areas() -> dict[str, str]:
    """Code → name of every area loaded and not retired."""
    with get_engine().connect() as conn:
        rows = conn.execute(select(m.Area.code, m.Area.name).where(~m.Area.retired)).all()
    return dict(rows)


@guarded("staff")
def area_summary() -> dict:
    """{'version': the decree label of the loaded list ('' when none), 'counts': areas per
    level (not retired)}."""
    with get_engine().connect() as conn:
        version = conn.execute(
            select(m.DatasetInfo.value).where(m.DatasetInfo.key == VERSION_KEY)
        ).scalar()
        counts = dict(
            conn.execute(
                select(m.Area.level, func.count()).where(~m.Area.retired).group_by(m.Area.level)
            ).all()
        )
    return {"version": version or "", "counts": counts}


@guarded("staff")
def municipalities() -> pd.DataFrame:
    """The kabupaten/kota of the loaded list with their province, for choosing a partner's
    region. Columns: code, name, province, bps_code, villages (desa + kelurahan listed)."""
    province = select(m.Area.code, m.Area.name).where(m.Area.level == "provinsi").subquery()
    kecamatan = m.Area.__table__.alias("kecamatan")
    village = m.Area.__table__.alias("village")
    villages = (
        select(kecamatan.c.parent_code.label("code"), func.count().label("n"))
        .join(village, village.c.parent_code == kecamatan.c.code)
        .where(village.c.level == "desa", ~village.c.retired)
        .group_by(kecamatan.c.parent_code)
        .subquery()
    )
    query = (
        select(
            m.Area.code,
            m.Area.name,
            province.c.name,
            m.Area.bps_code,
            func.coalesce(villages.c.n, 0),
        )
        .outerjoin(province, province.c.code == m.Area.parent_code)
        .outerjoin(villages, villages.c.code == m.Area.code)
        .where(m.Area.level == "kabupaten_kota", ~m.Area.retired)
        .order_by(m.Area.code)
    )
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["code", "name", "province", "bps_code", "villages"])


def load_areas(
    *,
    viewer: Viewer,
    areas: list[Area],
    removed: list[str],
    version: str,
    file_name: str,
) -> dict:
    """Add new codes, rename changed ones (the partner regions and villages that carry the
    code follow), retire the `removed` codes, and label the list with its decree — all or
    nothing, audited. Returns the counts."""
    require_admin(viewer, "Hanya admin yang boleh memuat daftar wilayah.")
    version = version.strip()
    if not version or len(version) > MAX_LABEL:
        raise AreaLoadRefused(
            "Tulis dasar hukum daftar ini (mis. Kepmendagri 300.2.2-2138/2025), paling banyak "
            f"{MAX_LABEL} karakter."
        )
    A = m.Area
    try:
        with get_engine().begin() as conn:
            known = {
                code: (name, bps)
                for code, name, bps in conn.execute(select(A.code, A.name, A.bps_code))
            }
            new = [a for a in areas if a.code not in known]
            _insert_areas(conn, new, version)
            renamed = _renamed(conn, areas, known)
            _kept(conn, [a.code for a in areas if a.code in known], version)
            if removed:
                conn.execute(update(A).where(A.code.in_(removed)).values(retired=True))
            _set_version(conn, version)
            counts = {"added": len(new), "renamed": renamed, "retired": len(removed)}
            record(
                conn,
                actor=viewer.username,
                action="import_areas",
                entity="area",
                entity_id=version,
                new={**counts, "file": file_name},
            )
    except IntegrityError as exc:
        raise AreaLoadRefused(
            "Admin lain memuat daftar wilayah pada saat yang sama. Muat ulang halaman, periksa "
            "daftarnya, lalu unggah lagi bila masih perlu."
        ) from exc
    return counts


def _renamed(conn, areas: list[Area], known: dict) -> int:
    """Give the known codes their new names (their regions and villages follow); how many
    were renamed."""
    A, renamed = m.Area, 0
    for a in areas:
        old = known.get(a.code)
        if old is None or old == (a.name, a.bps_code):
            continue
        if old[0] != a.name:
            renamed += 1
            _rename(conn, a)
        conn.execute(update(A).where(A.code == a.code).values(name=a.name, bps_code=a.bps_code))
    return renamed


def _kept(conn, codes: list[str], version: str) -> None:
    """The codes of the new list that were known: current, under its version. One statement
    per thousand codes, not one per code: a national list holds 84,000."""
    A = m.Area
    for start in range(0, len(codes), 1000):
        conn.execute(
            update(A)
            .where(A.code.in_(codes[start : start + 1000]))
            .values(retired=False, version=version)
        )


def _insert_areas(conn, areas: list[Area], version: str) -> None:
    """Add areas not yet in the list, labelled with `version` (inside the caller's transaction)."""
    if areas:
        conn.execute(
            insert(m.Area),
            [
                {
                    "code": a.code,
                    "name": a.name,
                    "level": a.level,
                    "parent_code": a.parent,
                    "bps_code": a.bps_code,
                    "retired": False,
                    "version": version,
                }
                for a in areas
            ],
        )


def _rename(conn, area: Area) -> None:
    """A renamed code renames what carries it in the registry."""
    if area.level == "kabupaten_kota":
        conn.execute(
            update(m.Region).where(m.Region.kemendagri_code == area.code).values(name=area.name)
        )
    elif area.level == "desa":
        conn.execute(
            update(m.Village).where(m.Village.code == area.code).values(name=area.name[:80])
        )


def _set_version(conn, version: str) -> None:
    D = m.DatasetInfo
    if conn.execute(select(D.key).where(D.key == VERSION_KEY)).first():
        conn.execute(update(D).where(D.key == VERSION_KEY).values(value=version))
    else:
        conn.execute(insert(D).values(key=VERSION_KEY, value=version))
