"""The import's second look against what is stored (see core.imports.import_review): stored
realisasi for converting cumulative files, the partner's own history, and the warnings and
refusals that come from them."""

from __future__ import annotations

from sqlalchemy import Connection, select

from core.figures.completeness import load_rules
from core.figures.periods import last_ended, quarter_of, today
from core.imports.import_kinds import YEARLY_ONLY
from core.imports.import_review import TW, Reviewed, far_from_history, large_changes, review_budget
from core.imports.importing import Problem
from data_access import models as m

# Import fields by the names the templates give them, for the row reports.
LABELS = {
    "pagu_rp": "pagu",
    "realisasi_rp": "realisasi",
    "target_trainees": "target_peserta",
    "registered": "terdaftar",
    "graduated": "lulus",
    "certified": "tersertifikasi",
    "placed": "ditempatkan",
    "cost_rp": "biaya",
    "placements": "penempatan",
    "complaints": "pengaduan",
    "nonprocedural_prevented": "nonprosedural_dicegah",
    "returns_facilitated": "purna_difasilitasi",
    "socialization_participants": "peserta_sosialisasi",
    "trainees": "peserta_pelatihan",
    "budget_spent_rp": "realisasi_anggaran",
}
# Fields whose replacement by a value far from the stored one is raised for confirmation.
WATCHED = {
    "anggaran": ("pagu_rp", "realisasi_rp", "target_trainees"),
    "pelatihan": ("registered", "graduated", "cost_rp"),
    "luaran": (
        "placements",
        "complaints",
        "nonprocedural_prevented",
        "returns_facilitated",
        *YEARLY_ONLY,
    ),
}


def _stored_realisasi(conn: Connection, records: list[dict], layers: dict) -> dict[tuple, int]:
    """(partner_id, year, fund_source, quarter) → realisasi_rp of the layer each
    partner-quarter's import compares with (`layers`: (partner_id, year, quarter) → layer)."""
    B = m.TrainingBudget
    partners = sorted({r["partner_id"] for r in records})
    years = sorted({r["year"] for r in records})
    rows = conn.execute(
        select(B.partner_id, B.year, B.fund_source, B.quarter, B.realisasi_rp, B.layer).where(
            B.partner_id.in_(partners), B.year.in_(years)
        )
    ).all()
    return {
        (r.partner_id, r.year, r.fund_source, r.quarter): r.realisasi_rp
        for r in rows
        if r.layer == layers.get((r.partner_id, r.year, r.quarter), m.PUBLISHED)
    }


def _outcome_history(conn: Connection, records: list[dict]) -> dict[tuple, list[int]]:
    """(partner_id, field) → the published values of the partner's other years."""
    OUT = m.PartnerOutcome
    fields = WATCHED["luaran"]
    partners = sorted({r["partner_id"] for r in records})
    years = {r["partner_id"]: r["year"] for r in records}
    rows = conn.execute(
        select(OUT.partner_id, OUT.year, *[getattr(OUT, f) for f in fields]).where(
            OUT.partner_id.in_(partners), OUT.layer == m.PUBLISHED
        )
    ).all()
    out: dict[tuple, list[int]] = {}
    for row in rows:
        if row.year == years.get(row.partner_id):
            continue
        for name in fields:
            if getattr(row, name) is not None:  # a yearly figure not published that year
                out.setdefault((row.partner_id, name), []).append(getattr(row, name))
    return out


def reviewed(
    conn: Connection, kind: str, records: list[dict], layers: dict, *, cumulative: bool
) -> Reviewed:
    """The records as they will be written (budget realisasi in-quarter), with the rows
    refused and the warnings to confirm that only the stored figures reveal."""
    if kind == "anggaran":
        return review_budget(
            records, _stored_realisasi(conn, records, layers), cumulative=cumulative
        )
    return Reviewed(records=list(records))


def plan_warnings(conn: Connection, kind: str, added: list[dict], changed: list[tuple]) -> list:
    """Warnings for stored values an import would replace by far larger or smaller ones, and
    for new yearly outcomes far from the partner's own other years."""
    if kind not in WATCHED:
        return []
    rules = load_rules()
    out = large_changes(changed, WATCHED[kind], rules.outlier_ratio, LABELS)
    if kind == "luaran" and added:
        history = _outcome_history(conn, added)
        fields = WATCHED["luaran"]
        out += far_from_history(
            added, history, fields, rules.outlier_ratio, rules.min_history, LABELS
        )
    return out


def outside_reporting_window(conn: Connection, partner_id: int, records: list[dict]) -> list:
    """Rows of a partner's upload for a period it may not write: only the quarter in
    progress, the last ended quarter (the report that is due) and quarters whose report a
    verifier has returned or reopened are open to it; yearly outcomes go with TW IV. The
    agency's figures of any other period are never overwritten by a partner."""
    S = m.Submission
    reopened = {
        (r.year, r.quarter)
        for r in conn.execute(
            select(S.year, S.quarter).where(
                S.partner_id == partner_id, S.status.in_(("draft", "returned"))
            )
        )
    }
    day = today()
    current = quarter_of(day)
    window = {(current.year, current.quarter)}
    due = last_ended(day)
    window.add((due.year, due.quarter))
    allowed = window | reopened
    out = []
    for record in records:
        period = (record["year"], record.get("quarter", 4))
        if period in allowed:
            continue
        open_ones = ", ".join(f"TW {TW[q - 1]} {y}" for y, q in sorted(allowed))
        out.append(
            Problem(
                record.get("_row", 0),
                "triwulan" if "quarter" in record else "tahun",
                f"TW {TW[period[1] - 1]} {period[0]}",
                "periode ini tidak terbuka untuk laporan mitra; data periode lain hanya diubah "
                "oleh badan",
                f"laporkan periode yang terbuka ({open_ones}), atau minta verifikator membuka "
                f"kembali laporan periode itu",
            )
        )
    return out
