"""Writing checked import records: a preview of what would be added, changed and left, then
every row in one transaction or none, idempotent by natural key, with an audit row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, insert, literal, select, update

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


# A partner's preview compares with what its draft will hold: the pending rows of a quarter
# that has them, else the published rows a new draft starts from (data_access.layers).
DRAFT_VIEW = -1


def layer_of(viewer: Viewer) -> int:
    """A partner's rows go into the pending version of its report; the agency's are
    published at once."""
    return m.PENDING if viewer.is_partner else m.PUBLISHED


def _existing(conn: Connection, kind: str, records: list[dict], layer: int) -> dict[tuple, dict]:
    model, natural = MODELS[kind], KINDS[kind].natural_key
    partners = sorted({r["partner_id"] for r in records})
    years = sorted({r["year"] for r in records})
    columns = [getattr(model, c) for c in (*natural, *VALUES[kind])]
    if kind != "luaran":
        columns.append(model.id)
    period = model.quarter if kind != "luaran" else literal(4)
    stmt = select(*columns, model.layer, period.label("_quarter")).where(
        model.partner_id.in_(partners), model.year.in_(years)
    )
    if layer != DRAFT_VIEW:
        stmt = stmt.where(model.layer == layer)
    rows = [dict(r) for r in conn.execute(stmt).mappings()]
    drafted = {(r["partner_id"], r["year"], r["_quarter"]) for r in rows if r["layer"] == m.PENDING}
    found = {}
    for row in rows:
        if layer == DRAFT_VIEW:
            has_draft = (row["partner_id"], row["year"], row["_quarter"]) in drafted
            if row["layer"] != (m.PENDING if has_draft else m.PUBLISHED):
                continue
        found[tuple(row[c] for c in natural)] = {
            k: v for k, v in row.items() if k not in ("layer", "_quarter")
        }
    return found


def plan(conn: Connection, kind: str, records: list[dict], layer: int = m.PUBLISHED) -> Plan:
    """Sort the records into added, changed and unchanged against the rows of `layer`."""
    natural, values = KINDS[kind].natural_key, VALUES[kind]
    existing = _existing(conn, kind, records, layer)
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
    """What `apply` would write, without writing anything. A partner's rows are compared with
    its report's pending version, or with the published figures it would start from."""
    _may_import(viewer)
    with get_engine().connect() as conn:
        return plan(conn, kind, records, DRAFT_VIEW if viewer.is_partner else m.PUBLISHED)


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
    layer = layer_of(viewer)
    quarters = sorted({(r["partner_id"], r["year"], r.get("quarter", 4)) for r in records})
    with get_engine().begin() as conn:
        work = plan(conn, kind, records, DRAFT_VIEW if viewer.is_partner else m.PUBLISHED)
        if not work.added and not work.changed:
            return work  # the same file again: nothing to write, not even an audit row
        if viewer.is_partner:
            # A partner's rows go into its open report of each quarter, beside the published
            # figures: they count once submitted, and replace them once approved.
            try:
                for partner_id, year, quarter in quarters:
                    submissions.open_draft(conn, viewer, partner_id, year, quarter)
            except submissions.SubmissionError as exc:
                raise ImportRefused(str(exc)) from exc
            work = plan(conn, kind, records, m.PENDING)
        else:
            _refuse_open_reports(conn, quarters)
        for start in range(0, len(work.added), 20_000):
            chunk = work.added[start : start + 20_000]
            conn.execute(insert(model), [_defaults(kind, r) | {"layer": layer} for r in chunk])
        _update(conn, kind, work.changed, layer)
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


def _refuse_open_reports(conn: Connection, quarters: list[tuple[int, int, int]]) -> None:
    """The agency does not write into a quarter whose report a partner has open or under
    review: approving it would replace what the agency wrote."""
    S = m.Submission
    partners = sorted({p for p, _, _ in quarters})
    open_reports = conn.execute(
        select(m.Partner.short_name, S.partner_id, S.year, S.quarter, S.status)
        .join(m.Partner, m.Partner.id == S.partner_id)
        .where(S.partner_id.in_(partners), S.status.in_(("draft", "returned", "submitted")))
    ).all()
    wanted = set(quarters)
    blocked = [r for r in open_reports if (r.partner_id, r.year, r.quarter) in wanted]
    if blocked:
        names = "; ".join(
            f"{r.short_name} {submissions.label(r.year, r.quarter)}" for r in blocked[:5]
        )
        raise ImportRefused(
            f"Laporan mitra untuk periode ini masih terbuka atau sedang diverifikasi ({names}). "
            f"Putuskan atau kembalikan laporannya dulu, atau minta mitra memasukkan datanya "
            f"lewat laporan; tidak ada yang disimpan."
        )


def _update(conn: Connection, kind: str, changed: list[tuple], layer: int) -> None:
    if not changed:
        return
    model, fields = MODELS[kind], VALUES[kind]
    if kind == "luaran":
        for (partner_id, year), old, new in changed:
            conn.execute(
                update(model)
                .where(model.partner_id == partner_id, model.year == year, model.layer == layer)
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
