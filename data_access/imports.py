"""Writing checked import records: a preview of what would be added, changed and left, then
every row in one transaction or none, idempotent by natural key, with an audit row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, insert, select, update

from core import parse
from core.importing import KINDS, Lookups
from data_access import models as m
from data_access import submissions, summaries
from data_access.access import AccessDenied, Viewer
from data_access.accounts import record
from data_access.db import get_engine

MODELS = {
    "anggaran": m.TrainingBudget,
    "sosialisasi": m.SocializationEvent,
    "pelatihan": m.TrainingCohort,
    "luaran": m.PartnerOutcome,
}
# Fields compared to tell a changed row from an unchanged one (the rest is the natural key).
VALUES = {
    "anggaran": ("pagu_rp", "realisasi_rp", "target_trainees"),
    "sosialisasi": ("year", "quarter", "participants_male", "participants_female", "organiser"),
    "pelatihan": (
        "destination",
        "sector",
        "registered",
        "graduated",
        "certified",
        "placed",
        "cost_rp",
    ),
    "luaran": ("placements", "complaints", "nonprocedural_prevented", "returns_facilitated"),
}
AUDITED_ROWS = 50  # the audit row lists the old values of at most this many changed rows


class ImportRefused(ValueError):
    """The import was not written; the message says why."""


@dataclass
class Plan:
    """What an import would do: rows to add, rows to change (with their old values), and how
    many rows are already in the database exactly as the file has them."""

    added: list[dict] = field(default_factory=list)
    changed: list[tuple[int, dict, dict]] = field(default_factory=list)  # (row id, old, new)
    unchanged: int = 0


def _may_import(viewer: Viewer) -> None:
    if viewer.role != "admin" and not viewer.is_partner:
        raise AccessDenied("Impor berkas untuk admin dan operator mitra.")


def lookups(*, viewer: Viewer) -> Lookups:
    """Partners (by every name and code people write) and villages, to check rows against."""
    _may_import(viewer)
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
        ]
    )
    # Institutions have no villages of their own: their events name no village of a region.
    regions = {r.id: (r.region_id if r.partner_type == "pemda" else None) for r in rows}
    return Lookups(
        partners=names,
        partner_region=regions,
        villages={v.code.replace(".", ""): (v.id, v.region_id) for v in villages},
        allowed_partner=viewer.partner_id if viewer.is_partner else None,
    )


def _existing(conn: Connection, kind: str, records: list[dict]) -> dict[tuple, dict]:
    model, natural = MODELS[kind], KINDS[kind].natural_key
    partners = sorted({r["partner_id"] for r in records})
    years = sorted({r["year"] for r in records})
    columns = [getattr(model, c) for c in (*natural, *VALUES[kind])]
    if kind != "luaran":
        columns.append(model.id)
    stmt = select(*columns).where(model.partner_id.in_(partners), model.year.in_(years))
    found = {}
    for row in conn.execute(stmt).mappings():
        found[tuple(row[c] for c in natural)] = dict(row)
    return found


def plan(conn: Connection, kind: str, records: list[dict]) -> Plan:
    """Sort the records into added, changed and unchanged against the database."""
    natural, values = KINDS[kind].natural_key, VALUES[kind]
    existing = _existing(conn, kind, records)
    out = Plan()
    for new in records:
        old = existing.get(tuple(new[c] for c in natural))
        if old is None:
            out.added.append(new)
            continue
        fields = [c for c in values if c in new]
        if all(old[c] == new[c] for c in fields):
            out.unchanged += 1
        else:
            key = old.get("id") or tuple(old[c] for c in natural)
            out.changed.append((key, {c: old[c] for c in fields}, new))
    return out


def preview(*, viewer: Viewer, kind: str, records: list[dict]) -> Plan:
    """What `apply` would write, without writing anything."""
    _may_import(viewer)
    with get_engine().connect() as conn:
        return plan(conn, kind, records)


def _defaults(kind: str, row: dict) -> dict:
    if kind == "luaran":
        return {f: 0 for f in VALUES["luaran"]} | row
    return row


def apply(
    *,
    viewer: Viewer,
    kind: str,
    records: list[dict],
    file_name: str,
    file_bytes: bytes,
    warnings: int = 0,
    confirmed: bool = False,
) -> Plan:
    """Write every record in one transaction (added rows inserted, changed rows updated,
    unchanged rows left), or nothing. Rows with warnings go in only when `confirmed`. When
    every row is already stored as it is, nothing is written at all. A partner's account
    writes its own rows only, into the open (draft or returned) report of each quarter."""
    _may_import(viewer)
    if warnings and not confirmed:
        raise ImportRefused(
            f"{warnings} baris berisi peringatan; periksa lalu centang konfirmasi sebelum impor."
        )
    if not records:
        raise ImportRefused("Tidak ada baris yang dapat diimpor.")
    model = MODELS[kind]
    if viewer.is_partner and any(r["partner_id"] != viewer.partner_id for r in records):
        raise AccessDenied("Akun mitra hanya boleh mengimpor data mitranya sendiri.")
    with get_engine().begin() as conn:
        work = plan(conn, kind, records)
        if not work.added and not work.changed:
            return work  # the same file again: nothing to write, not even an audit row
        if viewer.is_partner:
            # A partner's rows go into its open report of each quarter, not straight to the
            # agency's figures: they count once submitted, and are final once approved.
            quarters = {(r["partner_id"], r["year"], r.get("quarter", 4)) for r in records}
            try:
                for partner_id, year, quarter in sorted(quarters):
                    submissions.open_draft(conn, viewer, partner_id, year, quarter)
            except submissions.SubmissionError as exc:
                raise ImportRefused(str(exc)) from exc
        for start in range(0, len(work.added), 20_000):
            chunk = work.added[start : start + 20_000]
            conn.execute(insert(model), [_defaults(kind, r) for r in chunk])
        _update(conn, kind, work.changed)
        # A partner's rows sit in an open report, which the derived tables leave out until it
        # is submitted (submissions rebuild them then): no rebuild needed for those.
        if kind == "sosialisasi" and (work.added or work.changed) and not viewer.is_partner:
            summaries.refresh(conn)
        record(
            conn,
            actor=viewer.username,
            action="import",
            entity=kind,
            entity_id=file_name[:60],
            old={"changed_rows": [old for _, old, _ in work.changed[:AUDITED_ROWS]]},
            new={
                "rows": len(records),
                "added": len(work.added),
                "changed": len(work.changed),
                "unchanged": work.unchanged,
                "warnings_confirmed": warnings if confirmed else 0,
                "sha256": hashlib.sha256(file_bytes).hexdigest(),
            },
        )
    return work


def _update(conn: Connection, kind: str, changed: list[tuple]) -> None:
    if not changed:
        return
    model, fields = MODELS[kind], VALUES[kind]
    if kind == "luaran":
        for (partner_id, year), old, new in changed:
            conn.execute(
                update(model)
                .where(model.partner_id == partner_id, model.year == year)
                .values({c: new[c] for c in old})
            )
        return
    table = model.__table__  # a Core update: executemany by id, not the ORM's bulk mode
    stmt = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({c: bindparam(f"v_{c}") for c in fields})
    )
    conn.execute(
        stmt,
        [{"row_id": key, **{f"v_{c}": new[c] for c in fields}} for key, _, new in changed],
    )
