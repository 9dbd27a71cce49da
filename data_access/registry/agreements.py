"""The agreements in the partner registry: a partner's MoUs (with their scope areas and
renewals) and the PKS under each. Admins register and correct them; every save is audited,
and a correction names the version it started from and is refused when someone saved the
same agreement in between."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.registry import registry_rules as rules
from data_access import models as m
from data_access.registry.registry import RegistryRefused, StaleRegistry, refuse_if, registry_admin
from data_access.store.access import Viewer, guarded
from data_access.store.audit import record
from data_access.store.db import get_engine, writing

STALE = (
    "{what} ini baru saja diubah orang lain. Muat ulang halaman, periksa isinya, lalu simpan lagi."
)


@guarded(Role.ADMIN)
def agreements_of(partner_id: int) -> pd.DataFrame:
    """A partner's MoUs for the forms. Columns: mou_id, number, signed_on, valid_until,
    renewed (bool), document_url, scopes (list of scope codes), version."""
    query = (
        select(
            m.Mou.id,
            m.Mou.number,
            m.Mou.signed_on,
            m.Mou.valid_until,
            m.Mou.renewed_by_id.is_not(None),
            m.Mou.document_url,
            m.Mou.version,
        )
        .where(m.Mou.partner_id == partner_id)
        .order_by(m.Mou.signed_on, m.Mou.id)
    )
    columns = ["mou_id", "number", "signed_on", "valid_until", "renewed", "document_url"]
    S = m.MouScope
    with get_engine().connect() as conn:
        out = pd.DataFrame(conn.execute(query).all(), columns=[*columns, "version"])
        scopes = conn.execute(
            select(S.mou_id, S.scope_code)
            .join(m.Mou, m.Mou.id == S.mou_id)
            .where(m.Mou.partner_id == partner_id)
            .order_by(S.scope_code)
        ).all()
    by_mou: dict[int, list[str]] = {}
    for mou_id, code in scopes:
        by_mou.setdefault(mou_id, []).append(code)
    out.insert(6, "scopes", [by_mou.get(i, []) for i in out["mou_id"]])
    return out


@guarded(Role.ADMIN)
def pks_of(partner_id: int) -> pd.DataFrame:
    """The PKS under a partner's MoUs, for the forms. Columns: pks_id, mou_id, number, title,
    scope_code, signed_on, valid_until, version."""
    P = m.Pks
    query = (
        select(
            P.id, P.mou_id, P.number, P.title, P.scope_code, P.signed_on, P.valid_until, P.version
        )
        .join(m.Mou, m.Mou.id == P.mou_id)
        .where(m.Mou.partner_id == partner_id)
        .order_by(P.signed_on, P.id)
    )
    columns = ["pks_id", "mou_id", "number", "title", "scope_code", "signed_on", "valid_until"]
    with get_engine().connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=[*columns, "version"])


def save_mou(
    *,
    viewer: Viewer,
    partner_id: int,
    number: str,
    signed_on: date | None,
    valid_until: date | None,
    scopes: list[str],
    document_url: str = "",
    renews_mou_id: int | None = None,
    mou_id: int | None = None,
    expected_version: int | None = None,
    conn: Connection | None = None,
) -> int:
    """Register an MoU of a partner (mou_id None) or correct one; returns its id (audited).
    A new MoU with `renews_mou_id` renews that earlier MoU of the same partner, which then
    counts as renewed (once only)."""
    registry_admin(viewer)
    refuse_if(
        rules.agreement_problems(number, signed_on, valid_until, document_url)
        + rules.scope_problems(scopes)
    )
    values = {"partner_id": partner_id, "number": number.strip(), "signed_on": signed_on,
              "valid_until": valid_until, "document_url": document_url.strip()}  # fmt: skip
    try:
        with writing(conn) as conn:
            if conn.execute(select(m.Partner.id).where(m.Partner.id == partner_id)).first() is None:
                raise RegistryRefused("Mitra ini tidak ada lagi; muat ulang halaman.")
            if mou_id is not None:
                _correct_mou(conn, viewer, mou_id, expected_version, values, scopes)
                return mou_id
            mou_id = conn.execute(insert(m.Mou).values(**values)).inserted_primary_key[0]
            conn.execute(insert(m.MouScope), [{"mou_id": mou_id, "scope_code": s} for s in scopes])
            if renews_mou_id is not None:
                _renew(conn, renews_mou_id, partner_id, mou_id)
            record(
                conn,
                actor=viewer.username,
                action="create",
                entity="mou",
                entity_id=mou_id,
                new={**values, "scopes": scopes, "renews": renews_mou_id},
            )
            return mou_id
    except IntegrityError as exc:
        raise RegistryRefused(
            f"Nomor MoU {number.strip()} sudah terdaftar; periksa nomornya."
        ) from exc


def _renew(conn: Connection, old_id: int, partner_id: int, new_id: int) -> None:
    renewed = conn.execute(
        update(m.Mou)
        .where(m.Mou.id == old_id, m.Mou.partner_id == partner_id, m.Mou.renewed_by_id.is_(None))
        .values(renewed_by_id=new_id, version=m.Mou.version + 1)
    ).rowcount
    if not renewed:
        raise StaleRegistry(
            "MoU yang diperpanjang sudah diperpanjang MoU lain (atau bukan milik mitra ini). "
            "Muat ulang halaman lalu periksa."
        )


def _correct_mou(
    conn: Connection, viewer: Viewer, mou_id: int, version: int | None, values: dict, scopes
) -> None:
    M, S = m.Mou, m.MouScope
    old = conn.execute(select(M).where(M.id == mou_id, M.partner_id == values["partner_id"]))
    old = old.first()
    changed = conn.execute(
        update(M)
        .where(M.id == mou_id, M.partner_id == values["partner_id"], M.version == version)
        .values(**values, version=M.version + 1)
    ).rowcount
    if not changed:
        raise StaleRegistry(STALE.format(what="MoU"))
    before = sorted(conn.execute(select(S.scope_code).where(S.mou_id == mou_id)).scalars())
    conn.execute(delete(S).where(S.mou_id == mou_id))
    conn.execute(insert(S), [{"mou_id": mou_id, "scope_code": s} for s in scopes])
    record(
        conn,
        actor=viewer.username,
        action="update",
        entity="mou",
        entity_id=mou_id,
        old={**{k: getattr(old, k) for k in values}, "scopes": before},
        new={**values, "scopes": sorted(scopes)},
    )


def save_pks(
    *,
    viewer: Viewer,
    mou_id: int,
    number: str,
    title: str,
    scope_code: str,
    signed_on: date | None,
    valid_until: date | None,
    pks_id: int | None = None,
    expected_version: int | None = None,
    conn: Connection | None = None,
) -> int:
    """Register a PKS under an MoU (pks_id None) or correct one; returns its id (audited)."""
    registry_admin(viewer)
    refuse_if(
        rules.agreement_problems(number, signed_on, valid_until)
        + rules.title_problems(title)
        + rules.scope_problems([scope_code])
    )
    values = {
        "mou_id": mou_id,
        "number": number.strip(),
        "title": title.strip(),
        "scope_code": scope_code,
        "signed_on": signed_on,
        "valid_until": valid_until,
    }
    P = m.Pks
    try:
        with writing(conn) as conn:
            if conn.execute(select(m.Mou.id).where(m.Mou.id == mou_id)).first() is None:
                raise RegistryRefused("MoU ini tidak ada lagi; muat ulang halaman.")
            if pks_id is None:
                pks_id = conn.execute(insert(P).values(**values)).inserted_primary_key[0]
                record(conn, actor=viewer.username, action="create", entity="pks",
                       entity_id=pks_id, new=values)  # fmt: skip
                return pks_id
            _pks_corrected(conn, viewer, pks_id, expected_version, values)
            return pks_id
    except IntegrityError as exc:
        raise RegistryRefused(
            f"Nomor PKS {number.strip()} sudah terdaftar; periksa nomornya."
        ) from exc


def _pks_corrected(conn, viewer: Viewer, pks_id: int, expected_version, values: dict) -> None:
    """A PKS changed from the version the form was loaded from (audited), or StaleRegistry."""
    P = m.Pks
    old = conn.execute(select(P).where(P.id == pks_id)).first()
    changed = conn.execute(
        update(P)
        .where(P.id == pks_id, P.version == expected_version)
        .values(**values, version=P.version + 1)
    ).rowcount
    if not changed:
        raise StaleRegistry(STALE.format(what="PKS"))
    record(conn, actor=viewer.username, action="update", entity="pks", entity_id=pks_id,
           old={k: getattr(old, k) for k in values}, new=values)  # fmt: skip
