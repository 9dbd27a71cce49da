"""What an import's rows are checked against: partners by every name and code people write,
the area list's other kabupaten/kota, and villages by Kemendagri or BPS code."""

from __future__ import annotations

from sqlalchemy import select

from core.accounts.roles import Role
from core.imports.importing import Lookups
from core.text import parse
from data_access import models as m
from data_access.store.access import AccessDenied, Viewer
from data_access.store.db import get_engine


def may_import(viewer: Viewer) -> None:
    """Refuse anyone but admins and partners' operators."""
    if viewer.role != Role.ADMIN and not viewer.is_partner:
        raise AccessDenied("Impor berkas untuk admin dan operator mitra.")


def lookups(*, viewer: Viewer) -> Lookups:
    """Partners (by every name and code people write), the area list's other kabupaten/kota
    (rows about them are left out, not refused) and villages, to check rows against."""
    may_import(viewer)
    partners = select(
        m.Partner.id,
        m.Partner.code,
        m.Partner.name,
        m.Partner.short_name,
        m.Partner.partner_type,
        m.Region.kemendagri_code,
        m.Region.bps_code,
        m.Partner.region_id,
    ).join(m.Region, m.Partner.region_id == m.Region.id)
    with get_engine().connect() as conn:
        rows = conn.execute(partners).all()
        villages = conn.execute(select(m.Village.code, m.Village.id, m.Village.region_id)).all()
        bps = conn.execute(
            select(m.Area.code, m.Area.bps_code).where(
                m.Area.level == "desa", m.Area.bps_code.is_not(None), m.Area.bps_code != ""
            )
        ).all()
        partner_areas = (
            select(m.Region.kemendagri_code)
            .join(m.Partner, m.Partner.region_id == m.Region.id)
            .where(m.Partner.partner_type == "pemda")
        )
        outside = conn.execute(
            select(m.Area.code, m.Area.bps_code, m.Area.name).where(
                m.Area.level == "kabupaten_kota", m.Area.code.not_in(partner_areas)
            )
        ).all()
    names = parse.PartnerNames(
        [
            {
                "partner_id": r.id,
                "code": r.code,
                "name": r.name,
                "short_name": r.short_name,
                "partner_type": r.partner_type,
                "kemendagri_code": r.kemendagri_code,
                "bps_code": r.bps_code,
            }
            for r in rows
        ],
        [tuple(area) for area in outside],
    )
    # Institutions have no villages of their own: their events name no village of a region.
    regions = {r.id: (r.region_id if r.partner_type == "pemda" else None) for r in rows}
    return Lookups(
        partners=names,
        partner_region=regions,
        villages=village_keys(villages, bps),
        allowed_partner=viewer.partner_id if viewer.is_partner else None,
    )


def village_keys(villages, bps) -> dict[str, tuple[int, int]]:
    """Village code as a file writes it (digits only) → (village_id, region_id): every
    Kemendagri code, and the BPS code the area list gives beside it. Both have 10 digits; where
    a BPS code equals another village's Kemendagri code, the Kemendagri reading wins."""
    out = {v.code.replace(".", ""): (v.id, v.region_id) for v in villages}
    for code, bps_code in bps:
        known = out.get(code.replace(".", ""))
        digits = "".join(ch for ch in bps_code if ch.isdigit())
        if known and len(digits) == 10:
            out.setdefault(digits, known)
    return out
