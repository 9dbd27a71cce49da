"""Registry files applied all or nothing: each record of a partners, MoU, PKS,
follow-through or targets file is created or, when its key exists, brought up to the file's
values, through the same checked and audited saves the forms use, in one transaction. A
refused record names its row and refuses the whole file."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, select

from core.registry.registry_files import PARTNER_FILE
from core.registry.registry_rules import PartnerFields
from data_access import models as m
from data_access.registry.agreements import save_mou, save_pks
from data_access.registry.follow_through import save_item
from data_access.registry.registry import RegistryRefused, save_partner
from data_access.registry.targets import save_target
from data_access.store.access import Viewer, require_admin
from data_access.store.audit import record
from data_access.store.db import get_engine

MAX_RECORDS = 5_000  # a registry holds tens of partners; more is not a registry file


def _partner_id(conn: Connection, code: str) -> int:
    found = conn.execute(select(m.Partner.id).where(m.Partner.code == code)).scalar()
    if found is None:
        raise RegistryRefused(f"kode mitra {code} belum terdaftar; impor mitranya dahulu.")
    return found


def _mou(conn: Connection, number: str):
    return conn.execute(select(m.Mou).where(m.Mou.number == number)).first()


def _partner(conn: Connection, viewer: Viewer, r: dict) -> bool:
    names = [k for k in PartnerFields.__dataclass_fields__ if k != "code"]
    fields = PartnerFields(code=r["partner_code"], **{k: r[k] for k in names})
    old = conn.execute(select(m.Partner).where(m.Partner.code == r["partner_code"])).first()
    save_partner(
        viewer=viewer,
        fields=fields,
        conn=conn,
        partner_id=None if old is None else old.id,
        expected_version=None if old is None else old.version,
    )
    return old is None


def _agreement(conn: Connection, viewer: Viewer, r: dict) -> bool:
    """An MoU by its number; the MoU it renews counts when the MoU is registered (a later
    file correcting it leaves the renewal as it was)."""
    partner_id = _partner_id(conn, r["partner_code"])
    old = _mou(conn, r["number"])
    renews = None
    if r["renews"] and old is None:
        earlier = _mou(conn, r["renews"])
        if earlier is None:
            raise RegistryRefused(f"MoU yang diperpanjang, {r['renews']}, belum terdaftar.")
        renews = earlier.id
    save_mou(
        viewer=viewer,
        partner_id=partner_id,
        number=r["number"],
        signed_on=r["signed_on"],
        valid_until=r["valid_until"],
        scopes=r["scopes"],
        document_url=r["document_url"],
        renews_mou_id=renews,
        mou_id=None if old is None else old.id,
        expected_version=None if old is None else old.version,
        conn=conn,
    )
    return old is None


def _pks(conn: Connection, viewer: Viewer, r: dict) -> bool:
    mou = _mou(conn, r["mou_number"])
    if mou is None:
        raise RegistryRefused(f"MoU {r['mou_number']} belum terdaftar; impor MoU-nya dahulu.")
    old = conn.execute(select(m.Pks).where(m.Pks.number == r["number"])).first()
    save_pks(
        viewer=viewer,
        mou_id=mou.id,
        number=r["number"],
        title=r["title"],
        scope_code=r["scope_code"],
        signed_on=r["signed_on"],
        valid_until=r["valid_until"],
        pks_id=None if old is None else old.id,
        expected_version=None if old is None else old.version,
        conn=conn,
    )
    return old is None


def _item(conn: Connection, viewer: Viewer, r: dict) -> bool:
    partner_id = _partner_id(conn, r["partner_code"])
    D = m.Deliverable
    old = conn.execute(
        select(D.version).where(
            D.partner_id == partner_id, D.scope_code == r["scope_code"], D.kind == r["kind"]
        )
    ).scalar()
    save_item(
        viewer=viewer,
        partner_id=partner_id,
        scope_code=r["scope_code"],
        kind=r["kind"],
        status=r["status"],
        due_on=r["due_on"],
        completed_on=r["completed_on"],
        evidence_note=r["evidence_note"],
        expected_version=old,
        conn=conn,
    )
    return old is None


def _target(conn: Connection, viewer: Viewer, r: dict) -> bool:
    partner_id = _partner_id(conn, r["partner_code"])
    T = m.PartnerTarget
    old = conn.execute(
        select(T.version).where(T.partner_id == partner_id, T.year == r["year"])
    ).scalar()
    save_target(
        viewer=viewer,
        partner_id=partner_id,
        year=r["year"],
        budget_rp=r["budget_rp"],
        trainees=r["trainees"],
        villages=r["villages"],
        expected_version=old or 0,
        conn=conn,
    )
    return old is None


ENTITY = {PARTNER_FILE: "partner", "mou": "mou", "pks": "pks", "tindak_lanjut": "deliverable",
          "target": "partner_target"}  # fmt: skip


def import_registry(*, viewer: Viewer, kind: str, records: list[dict], file_name: str) -> dict:
    """Apply the records of a registry file (core.registry.registry_files.read_rows) all or nothing.
    Returns {"added": n, "changed": n}; a refused record raises RegistryRefused naming its row,
    and nothing of the file is kept."""
    require_admin(viewer, "Hanya admin yang boleh mengimpor registri mitra.")
    writers: dict[str, Callable[[Connection, Viewer, dict], bool]] = {
        PARTNER_FILE: _partner, "mou": _agreement, "pks": _pks, "tindak_lanjut": _item,
        "target": _target,
    }  # fmt: skip
    if kind not in writers:
        raise RegistryRefused(f"Jenis berkas registri tidak dikenal: {kind}.")
    if len(records) > MAX_RECORDS:
        raise RegistryRefused(
            f"Berkas ini memuat {len(records)} baris; berkas registri paling banyak "
            f"{MAX_RECORDS} baris."
        )
    counts = {"added": 0, "changed": 0}
    with get_engine().begin() as conn:
        for r in records:
            try:
                added = writers[kind](conn, viewer, r)
            except RegistryRefused as exc:
                raise RegistryRefused(
                    f"Baris {r['row']}: {exc} Tidak ada yang diimpor dari berkas ini."
                ) from exc
            counts["added" if added else "changed"] += 1
        record(
            conn,
            actor=viewer.username,
            action="import_registry",
            entity=ENTITY[kind],
            entity_id=file_name[:100],
            new={"file": file_name, **counts},
        )
    return counts
