"""The partner registry kept by admins: partners with their contacts, their MoUs and the PKS
under each MoU. Every save is audited; an edit names the version it started from and is
refused when someone saved the partner in between."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.registry import registry_rules as rules
from core.registry.reference_areas import bps_of, municipality_kind, village_kind
from data_access import models as m
from data_access.store.access import Viewer, guarded, require_admin
from data_access.store.audit import record
from data_access.store.db import get_engine, writing


class RegistryRefused(ValueError):
    """A registry change that cannot be saved; the message says why and what to do."""


class StaleRegistry(RegistryRefused):
    """Someone saved the same record after this form was opened."""


def registry_admin(viewer: Viewer) -> None:
    """Registry writes: admins only."""
    require_admin(viewer, "Hanya admin yang boleh mengubah registri mitra.")


def refuse_if(problems: list[str]) -> None:
    """Refuse a save with every reason at once, when there is any."""
    if problems:
        raise RegistryRefused(" ".join(problems))


@guarded(Role.ADMIN)
def registry_partners() -> pd.DataFrame:
    """Every partner as the registry form edits it. Columns: partner_id, code, name,
    short_name, partner_type, area_code, lat, lon, address, contact_name, contact_email,
    contact_phone, version, mous (count)."""
    P = m.Partner
    mous = select(m.Mou.partner_id, func.count().label("n")).group_by(m.Mou.partner_id).subquery()
    query = (
        select(
            P.id,
            P.code,
            P.name,
            P.short_name,
            P.partner_type,
            m.Region.kemendagri_code,
            P.lat,
            P.lon,
            P.address,
            P.contact_name,
            P.contact_email,
            P.contact_phone,
            P.version,
            func.coalesce(mous.c.n, 0),
        )
        .join(m.Region, m.Region.id == P.region_id)
        .outerjoin(mous, mous.c.partner_id == P.id)
        .order_by(P.partner_type.desc(), P.short_name)
    )
    columns = [
        "partner_id", "code", "name", "short_name", "partner_type", "area_code", "lat", "lon",
        "address", "contact_name", "contact_email", "contact_phone", "version", "mous",
    ]  # fmt: skip
    with get_engine().connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=columns)


def save_partner(
    *,
    viewer: Viewer,
    fields: rules.PartnerFields,
    partner_id: int | None = None,
    expected_version: int | None = None,
    conn: Connection | None = None,
) -> int:
    """Register a partner (partner_id None) or change one; returns its id. Its region comes
    from the official area list (created with its desa/kelurahan on first use)."""
    registry_admin(viewer)
    refuse_if(rules.partner_problems(fields))
    values = {
        k: (v.strip() if isinstance(v, str) else v)
        for k, v in asdict(fields).items()
        if k != "area_code"
    }
    try:
        with writing(conn) as conn:
            region_id, (lat, lon) = _region(conn, fields)
            values.update(region_id=region_id, lat=lat, lon=lon)
            if partner_id is None:
                added = conn.execute(insert(m.Partner).values(**values))
                partner_id = added.inserted_primary_key[0]
                record(
                    conn,
                    actor=viewer.username,
                    action="create",
                    entity="partner",
                    entity_id=partner_id,
                    new=values,
                )
                return partner_id
            old = conn.execute(select(m.Partner).where(m.Partner.id == partner_id)).first()
            changed = conn.execute(
                update(m.Partner)
                .where(m.Partner.id == partner_id, m.Partner.version == expected_version)
                .values(**values, version=m.Partner.version + 1)
            ).rowcount
            if not changed:
                raise StaleRegistry(
                    "Mitra ini baru saja diubah orang lain. Muat ulang halaman, periksa isinya, "
                    "lalu simpan lagi."
                )
            before = {k: getattr(old, k) for k in values}
            record(
                conn,
                actor=viewer.username,
                action="update",
                entity="partner",
                entity_id=partner_id,
                old=before,
                new=values,
            )
            return partner_id
    except IntegrityError as exc:
        raise RegistryRefused(
            f"Kode mitra {fields.code.strip()} sudah dipakai mitra lain; pilih kode lain."
        ) from exc


def _region(conn: Connection, fields: rules.PartnerFields) -> tuple[int, tuple]:
    """The region row for the partner's kabupaten/kota, and the partner's coordinates (the
    form's, else the region's)."""
    R, A = m.Region, m.Area
    row = conn.execute(select(R).where(R.kemendagri_code == fields.area_code)).first()
    if row is not None:
        if fields.lat is None:
            return row.id, (row.lat, row.lon)
        return row.id, (fields.lat, fields.lon)
    area = conn.execute(
        select(A).where(A.code == fields.area_code, A.level == "kabupaten_kota", ~A.retired)
    ).first()
    if area is None:
        raise RegistryRefused(
            f"Kabupaten/kota {fields.area_code} tidak ada di daftar wilayah; muat daftar "
            "wilayah Kemendagri terlebih dahulu."
        )
    if fields.lat is None:
        raise RegistryRefused(
            "Wilayah ini baru pertama dipakai: isi lintang dan bujur pusatnya untuk peta."
        )
    province = conn.execute(select(A.name).where(A.code == area.parent_code)).scalar() or ""
    villages = conn.execute(
        select(A.code, A.name)
        .where(A.level == "desa", ~A.retired, A.code.like(f"{fields.area_code}.%"))
        .order_by(A.code)
    ).all()
    kinds = [village_kind(code) for code, _ in villages]
    region_id = conn.execute(
        insert(R).values(
            kemendagri_code=area.code,
            bps_code=area.bps_code or bps_of(area.code),
            name=rules.region_name(area.name),
            province=rules.region_name(province),
            kind=municipality_kind(area.name),
            desa_count=kinds.count("desa"),
            kelurahan_count=kinds.count("kelurahan"),
            lat=fields.lat,
            lon=fields.lon,
        )
    ).inserted_primary_key[0]
    known = set(
        conn.execute(select(m.Village.code).where(m.Village.region_id == region_id)).scalars()
    )
    fresh = [
        {
            "code": code,
            "name": name.title()[:80],
            "kind": village_kind(code),
            "region_id": region_id,
            "pmi_count": 0,
        }
        for code, name in villages
        if code not in known
    ]
    if fresh:
        conn.execute(insert(m.Village), fresh)
    return region_id, (fields.lat, fields.lon)
