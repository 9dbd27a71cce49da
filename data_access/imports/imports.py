"""Writing checked import records: a preview of what would be added, changed and left, then
every row in one transaction or none, idempotent by natural key, with an audit row."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from core.imports.import_kinds import YEARLY_ONLY
from core.imports.importing import KINDS
from data_access import models as m
from data_access.figures import summaries
from data_access.imports.import_lookups import lookups, may_import, village_keys
from data_access.imports.import_mappings import _remember
from data_access.imports.import_plan import DRAFT_VIEW, MODELS, VALUES, Plan, layer_of, prepared
from data_access.reporting import submissions
from data_access.store.access import AccessDenied, Viewer
from data_access.store.audit import record
from data_access.store.db import get_engine, retrying

__all__ = ["ImportRefused", "apply", "lookups", "preview", "village_keys"]


class ImportRefused(ValueError):
    """The import was not written; the message says why."""


def preview(*, viewer: Viewer, kind: str, records: list[dict], cumulative: bool = False) -> Plan:
    """What `apply` would write, without writing anything. A partner's rows are compared with
    its report's pending version, or with the published figures it would start from. With
    `cumulative`, budget realisasi is read as year-to-date and converted to in-quarter."""
    may_import(viewer)
    with get_engine().connect() as conn:
        layer = DRAFT_VIEW if viewer.is_partner else m.PUBLISHED
        return prepared(conn, viewer, kind, records, layer, cumulative)


def _defaults(kind: str, row: dict) -> dict:
    row = {k: v for k, v in row.items() if not k.startswith("_")}
    if kind == "luaran":
        # A measure the file lacks: none for the yearly-only figures, else 0.
        return {f: None if f in YEARLY_ONLY else 0 for f in VALUES["luaran"]} | row
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
    cumulative: bool = False,
    columns: dict[str, str] | None = None,
) -> Plan:
    """Write every record in one transaction (added rows inserted, changed rows updated,
    unchanged rows left), or nothing. Rows with warnings go in only when `confirmed`. When
    every row is already stored as it is, nothing is written at all. A partner's account
    writes its own rows only, into the open (draft or returned) report of each quarter.
    `columns` (field → the file's column name) is remembered for the next file of the same
    partner and kind."""
    _may_apply(viewer, kind, records, warnings, confirmed)
    layer = layer_of(viewer)
    quarters = sorted({(r["partner_id"], r["year"], r.get("quarter", 4)) for r in records})

    def attempt() -> Plan:
        with get_engine().begin() as conn:
            view = DRAFT_VIEW if viewer.is_partner else m.PUBLISHED
            work = _refused_or(prepared(conn, viewer, kind, records, view, cumulative), confirmed)
            if not work.added and not work.changed:
                return work  # the same file again: nothing to write, not even an audit row
            if viewer.is_partner:
                _open_reports(conn, viewer, quarters)
                work = prepared(conn, viewer, kind, records, m.PENDING, cumulative)
            else:
                _refuse_open_reports(conn, quarters)
            _write(conn, kind, work, layer, partners=None if viewer.is_partner else records)
            audit_id = record(
                conn,
                actor=viewer.username,
                action="import",
                entity=kind,
                entity_id=file_name[:60],
                old={"changed_rows": len(work.changed)},
                new=_import_summary(
                    records, work, warnings if confirmed else 0, file_bytes, columns
                ),
            )
            _record_rows(conn, audit_id, kind, work)
            _remember(
                conn,
                actor=viewer.username,
                kind=kind,
                columns=columns or {},
                partner_ids={r["partner_id"] for r in records},
            )
        return work

    return retrying(attempt)


def _open_reports(conn, viewer: Viewer, quarters: list[tuple]) -> None:
    """A partner's rows go into its open report of each quarter, beside the published
    figures: they count once submitted, and replace them once approved."""
    try:
        for partner_id, year, quarter in quarters:
            submissions.open_draft(conn, viewer, partner_id, year, quarter)
    except submissions.SubmissionError as exc:
        raise ImportRefused(str(exc)) from exc


def _may_apply(
    viewer: Viewer, kind: str, records: list[dict], warnings: int, confirmed: bool
) -> None:
    """Refuse an import before anything is read: no right to import, warnings not
    confirmed, no rows, an unknown kind, a partner's rows for another partner."""
    may_import(viewer)
    if warnings and not confirmed:
        raise ImportRefused(
            f"{warnings} baris berisi peringatan; periksa lalu centang konfirmasi sebelum impor."
        )
    if not records:
        raise ImportRefused("Tidak ada baris yang dapat diimpor.")
    if kind not in MODELS:
        raise KeyError(kind)
    if viewer.is_partner and any(r["partner_id"] != viewer.partner_id for r in records):
        raise AccessDenied("Akun mitra hanya boleh mengimpor data mitranya sendiri.")


def _refused_or(work: Plan, confirmed: bool) -> Plan:
    """`work`, unless it has problems, or warnings not confirmed: then ImportRefused."""
    if work.problems:
        first = work.problems[0]
        raise ImportRefused(
            f"{len(work.problems)} baris tidak dapat diimpor, mis. baris {first.row}: "
            f"{first.problem}. Tidak ada yang disimpan."
        )
    if work.warnings and not confirmed:
        raise ImportRefused(
            f"{len(work.warnings)} baris berisi peringatan; periksa lalu centang "
            f"konfirmasi sebelum impor."
        )
    return work


def _write(conn, kind: str, work: Plan, layer: str, *, partners: list[dict] | None) -> None:
    """The plan's rows into `layer`; the derived socialization tables rebuilt for the
    partners of `partners` (the agency's records). A partner's rows sit in an open report,
    which the derived tables leave out until it is submitted (submissions rebuild them then):
    no rebuild for those (`partners` None)."""
    model = MODELS[kind]
    for start in range(0, len(work.added), 20_000):
        chunk = work.added[start : start + 20_000]
        conn.execute(insert(model), [_defaults(kind, r) | {"layer": layer} for r in chunk])
    _update(conn, kind, work.changed, layer)
    if kind == "sosialisasi_rekap":
        _name_villages(conn, [*work.added, *(new for _, _, new in work.changed)], layer)
    social = kind in ("sosialisasi", "sosialisasi_rekap")
    if social and (work.added or work.changed) and partners is not None:
        summaries.refresh(conn, {r["partner_id"] for r in partners})


def _import_summary(
    records: list[dict],
    work: Plan,
    confirmed_warnings: int,
    file_bytes: bytes,
    columns: dict | None,
) -> dict:
    """What the audit row of an import says: counts, the file's hash, its columns."""
    return {
        "rows": len(records),
        "added": len(work.added),
        "changed": len(work.changed),
        "unchanged": work.unchanged,
        "warnings_confirmed": confirmed_warnings,
        "sha256": hashlib.sha256(file_bytes).hexdigest(),
        "rows_recorded": "import_row",
        "columns": columns or {},
    }


def _refuse_open_reports(conn: Connection, quarters: list[tuple[int, int, int]]) -> None:
    """The agency does not write into a quarter whose report a partner has open or under
    review: approving it would replace what the agency wrote."""
    S = m.Submission
    partners = sorted({p for p, _, _ in quarters})
    # A partner opening its first report of one of these quarters waits for this write, or
    # this write waits and then finds the report open (submissions.lock_partners).
    submissions.lock_partners(conn, partners)
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


def _name_villages(conn: Connection, records: list[dict], layer: int) -> None:
    """The villages each written quarter's totals name by code, replacing what they named."""
    V = m.SocializationTotalVillage
    for r in records:
        key = (V.partner_id == r["partner_id"], V.year == r["year"], V.quarter == r["quarter"])
        conn.execute(delete(V).where(*key, V.layer == layer))
        if r["_village_ids"]:
            conn.execute(
                insert(V),
                [
                    {
                        "partner_id": r["partner_id"],
                        "year": r["year"],
                        "quarter": r["quarter"],
                        "village_id": v,
                        "layer": layer,
                    }
                    for v in r["_village_ids"]
                ],
            )


def _record_rows(conn: Connection, audit_id: int, kind: str, work: Plan) -> None:
    """Every added and changed row under the import's audit row, by its natural key (the
    codes people know: partner and village codes), with old and new values."""
    natural = KINDS[kind].natural_key
    codes = _codes(conn, work)

    def key(row: dict) -> str:
        shown = {k: codes.get((k, row[k]), row[k]) for k in natural}
        return json.dumps(shown, default=str, ensure_ascii=False)

    def values(row: dict) -> str:
        kept = {k: v for k, v in row.items() if not k.startswith("_") and k not in natural}
        return json.dumps(kept, default=str, ensure_ascii=False)

    rows = [
        {
            "audit_id": audit_id,
            "file_row": r.get("_row"),
            "row_key": key(r),
            "old_values": None,
            "new_values": values(r),
        }
        for r in work.added
    ] + [
        {
            "audit_id": audit_id,
            "file_row": new.get("_row"),
            "row_key": key(new),
            "old_values": json.dumps(old, default=str, ensure_ascii=False),
            "new_values": values({k: new[k] for k in old}),
        }
        for _, old, new in work.changed
    ]
    for start in range(0, len(rows), 20_000):
        conn.execute(insert(m.ImportRow), rows[start : start + 20_000])


def _codes(conn: Connection, work: Plan) -> dict[tuple[str, int], str]:
    """('partner_id', id) → partner code and ('village_id', id) → village code."""
    rows = [*work.added, *(new for _, _, new in work.changed)]
    partners = {r["partner_id"] for r in rows}
    villages = {r["village_id"] for r in rows if "village_id" in r}
    out = {
        ("partner_id", pid): code
        for pid, code in conn.execute(
            select(m.Partner.id, m.Partner.code).where(m.Partner.id.in_(partners))
        )
    }
    for start in range(0, len(villages), 10_000):
        chunk = sorted(villages)[start : start + 10_000]
        out |= {
            ("village_id", vid): code
            for vid, code in conn.execute(
                select(m.Village.id, m.Village.code).where(m.Village.id.in_(chunk))
            )
        }
    return out
