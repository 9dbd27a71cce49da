"""Planning an import: which records add, change or leave rows, against which layer, and
what the second look at the stored figures finds (data_access.imports.import_checks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, literal, select

from core.imports.import_kinds import YEARLY_ONLY
from core.imports.importing import KINDS
from data_access import models as m
from data_access.imports import import_checks
from data_access.store.access import Viewer

MODELS = {
    "anggaran": m.TrainingBudget,
    "sosialisasi": m.SocializationEvent,
    "sosialisasi_rekap": m.SocializationTotal,
    "pelatihan": m.TrainingCohort,
    "luaran": m.PartnerOutcome,
}
# Fields compared to tell a changed row from an unchanged one (the rest is the natural key).
VALUES = {
    "anggaran": ("pagu_rp", "realisasi_rp", "target_trainees"),
    "sosialisasi": ("year", "quarter", "participants_male", "participants_female", "organiser"),
    "sosialisasi_rekap": (
        "events",
        "participants_male",
        "participants_female",
        "villages",
        "village_list",
    ),
    "pelatihan": (
        "destination",
        "sector",
        "registered",
        "graduated",
        "certified",
        "placed",
        "cost_rp",
    ),
    "luaran": (
        "placements",
        "complaints",
        "nonprocedural_prevented",
        "returns_facilitated",
        *YEARLY_ONLY,
    ),
}


# A partner's preview compares with what its draft will hold: the pending rows of a quarter
# that has them, else the published rows a new draft starts from (data_access.reporting.layers).
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


@dataclass
class Plan:
    """What an import would do: rows to add, rows to change (with their old values), and how
    many rows are already in the database exactly as the file has them."""

    added: list[dict] = field(default_factory=list)
    changed: list[tuple[int, dict, dict]] = field(default_factory=list)  # (row id, old, new)
    unchanged: int = 0
    # Found against the stored figures: rows refused (the import cannot go in) and
    # warnings a person confirms (realisasi above pagu, far from the stored value).
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def _counted_layers(conn: Connection, viewer: Viewer, records: list[dict]) -> dict:
    """(partner_id, year, quarter) → the layer an import of `viewer` reads earlier quarters
    from: a partner its reports' own versions where they are open or under review."""
    if not viewer.is_partner:
        return {}
    S = m.Submission
    rows = conn.execute(
        select(S.partner_id, S.year, S.quarter).where(
            S.partner_id == viewer.partner_id,
            S.year.in_(sorted({r["year"] for r in records})),
            S.status.in_(("draft", "returned", "submitted")),
        )
    ).all()
    return {(r.partner_id, r.year, r.quarter): m.PENDING for r in rows}


def prepared(
    conn: Connection, viewer: Viewer, kind: str, records: list[dict], layer: int, cumulative: bool
) -> Plan:
    """The plan of an import after the second look against the stored figures."""
    layers = _counted_layers(conn, viewer, records)
    review = import_checks.reviewed(conn, kind, records, layers, cumulative=cumulative)
    work = plan(conn, kind, review.records, layer)
    work.problems = review.problems
    if viewer.is_partner:
        work.problems += import_checks.outside_reporting_window(conn, viewer.partner_id, records)
    work.warnings = review.warnings + import_checks.plan_warnings(
        conn, kind, work.added, work.changed
    )
    return work
