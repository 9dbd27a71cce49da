"""Reads for the completeness page (who reported what, when) and the verifier's confirmation
of figures that stand out from a partner's own history."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import func, insert, select, update

from data_access import models as m
from data_access.figures.summaries import without_events
from data_access.store.access import Viewer, guarded, require_verifier
from data_access.store.audit import record
from data_access.store.db import get_engine, retrying
from data_access.store.query import PARTNER_COLUMNS, PARTNER_NAMES, filter_partners, frame
from data_access.store.visibility import current_version

# The rows of each kind; socialization counted per quarter (totals) counts as a row too.
KIND_TABLES = {
    "budget": (m.TrainingBudget,),
    "training": (m.TrainingCohort,),
    "socialization": (m.SocializationEvent, m.SocializationTotal),
}
MEASURES = ("realisasi_rp", "events")


@guarded("staff", cached=True)
def report_grid(
    *, year: int, partner_type: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """Every selected partner × quarter of `year`: its report and how many rows of each kind.

    Columns: partner_id: int; code, short_name, partner_type, province: str; year, quarter:
    int; status: str or None (no report row); submitted_at: datetime or NaT; budget,
    training, socialization: int, rows of that kind the quarter holds now (an open report's
    own version, else the published rows; a quarter's socialization totals count as one).
    """
    partners = frame(
        filter_partners(
            select(*PARTNER_COLUMNS).join(m.Region, m.Partner.region_id == m.Region.id),
            partner_type=partner_type,
            province=province,
        ).order_by(m.Partner.id),
        PARTNER_NAMES,
    )
    grid = partners.merge(pd.DataFrame({"quarter": [1, 2, 3, 4]}), how="cross")
    grid.insert(5, "year", year)
    S = m.Submission
    reports = frame(
        select(S.partner_id, S.quarter, S.status, S.submitted_at).where(S.year == year),
        ["partner_id", "quarter", "status", "submitted_at"],
    )
    grid = grid.merge(reports, on=["partner_id", "quarter"], how="left")
    for kind, tables in KIND_TABLES.items():
        counts = (
            pd.concat(
                [
                    frame(
                        select(table.partner_id, table.quarter, func.count())
                        .where(table.year == year, current_version(table))
                        .group_by(table.partner_id, table.quarter),
                        ["partner_id", "quarter", kind],
                    )
                    for table in tables
                ]
            )
            .groupby(["partner_id", "quarter"], as_index=False)[kind]
            .sum()
        )
        grid = grid.merge(counts, on=["partner_id", "quarter"], how="left")
        grid[kind] = pd.to_numeric(grid[kind], errors="coerce").fillna(0).astype("int64")
    grid["status"] = grid["status"].astype(object).where(grid["status"].notna(), None)
    return grid


@guarded("staff", cached=True)
def figure_history(*, partner_type: str | None = None, province: str | None = None) -> pd.DataFrame:
    """Per partner, year and quarter: realisasi_rp (spent in the quarter) and events.

    Columns: partner_id: int; short_name, partner_type: str; year, quarter: int; measure:
    'realisasi_rp' | 'events'; value: int.
    """
    B, E, T = m.TrainingBudget, m.SocializationEvent, m.SocializationTotal
    parts = []
    for measure, stmt in (
        (
            "realisasi_rp",
            select(B.partner_id, B.year, B.quarter, func.sum(B.realisasi_rp))
            .where(current_version(B))
            .group_by(B.partner_id, B.year, B.quarter),
        ),
        (
            "events",
            select(E.partner_id, E.year, E.quarter, func.count())
            .where(current_version(E))
            .group_by(E.partner_id, E.year, E.quarter),
        ),
        # A quarter counted as totals, where it has no events (summaries.refresh).
        (
            "events",
            select(T.partner_id, T.year, T.quarter, T.events).where(
                current_version(T), without_events(T)
            ),
        ),
    ):
        part = frame(stmt, ["partner_id", "year", "quarter", "value"])
        parts.append(part.assign(measure=measure))
    names = frame(
        filter_partners(
            select(
                m.Partner.id.label("partner_id"), m.Partner.short_name, m.Partner.partner_type
            ).join(m.Region, m.Partner.region_id == m.Region.id),
            partner_type=partner_type,
            province=province,
        ),
        ["partner_id", "short_name", "partner_type"],
    )
    out = pd.concat(parts).merge(names, on="partner_id")
    # A part without rows comes back with object columns, and the concatenation would then
    # hold every value as an object: each median of the figures computed in Python.
    out["value"] = out["value"].astype("int64")
    columns = ["partner_id", "short_name", "partner_type", "year", "quarter", "measure", "value"]
    return out[columns].sort_values(columns[:6]).reset_index(drop=True)


@guarded("staff")
def figure_checks(*, year: int) -> pd.DataFrame:
    """Confirmed figures of `year`.

    Columns: partner_id, quarter: int; measure: str; value: int; confirmed_by: str;
    confirmed_at: datetime; note: str.
    """
    F = m.FigureCheck
    stmt = select(
        F.partner_id, F.quarter, F.measure, F.value, F.confirmed_by, F.confirmed_at, F.note
    ).where(F.year == year)
    columns = ["partner_id", "quarter", "measure", "value", "confirmed_by", "confirmed_at", "note"]
    return frame(stmt, columns)


def confirm_figure(
    *,
    viewer: Viewer,
    partner_id: int,
    year: int,
    quarter: int,
    measure: str,
    value: int,
    note: str = "",
) -> None:
    """A verifier confirms that a flagged figure is right (audited); a later change of the
    figure makes it flagged again, since the confirmation names the value it saw."""
    require_verifier(viewer, "Hanya verifikator (atau admin) yang boleh mengonfirmasi angka.")
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure}")
    values = {"value": int(value), "confirmed_by": viewer.username,
              "confirmed_at": datetime.now(), "note": (note or "").strip()[:1000]}  # fmt: skip
    key = {"partner_id": partner_id, "year": year, "quarter": quarter, "measure": measure}
    retrying(lambda: _confirm(viewer, key, values))


def _confirm(viewer: Viewer, key: dict, values: dict) -> None:
    """One attempt: two verifiers confirming the same figure at once both succeed, once (the
    second finds the first's row when it runs again)."""
    F = m.FigureCheck
    with get_engine().begin() as conn:
        old = conn.execute(
            select(F.id, F.value).where(*[getattr(F, k) == v for k, v in key.items()])
        ).first()
        if old is None:
            row_id = conn.execute(insert(F).values(**key, **values)).inserted_primary_key[0]
        else:
            row_id = old.id
            conn.execute(update(F).where(F.id == old.id).values(**values))
        record(
            conn,
            actor=viewer.username,
            action="confirm_figure",
            entity="figure_check",
            entity_id=row_id,
            old={"value": old.value} if old else {},
            new={**key, **values},
        )
