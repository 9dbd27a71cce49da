"""The verifier's side of a self-assessment: findings per indicator, then save, return to
the partner with a note, or approve (locked)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from data_access import models as m
from data_access.assessment.assessment_rows import _bump, _items, _transition
from data_access.assessment.assessment_rules import (
    AssessmentError,
    Review,
    _current,
    _level,
    _may_review,
    _stale,
    clean,
)
from data_access.store.access import Viewer
from data_access.store.audit import record
from data_access.store.db import get_engine, retrying

Item = m.AssessmentItem


def review(
    *,
    viewer: Viewer,
    partner_id: int,
    year: int,
    reviews: dict[str, Review],
    expected_version: int,
    outcome: str = "save",
    note: str = "",
) -> int:
    """A verifier's findings per indicator, then `outcome`: 'save' (keep reviewing),
    'returned' (back to the partner; `note` required) or 'approved' (locked). Returns the new
    version."""
    _may_review(viewer)
    note = _decision_note(outcome, note)

    def attempt():
        with get_engine().begin() as conn:
            row = _current(conn, partner_id, year)
            # Changed after this verifier opened it (the other of two deciding at once): say
            # so, whatever state that change left it in.
            if row is not None and row.version != expected_version:
                raise _stale(row)
            if row is None or row.status != "submitted":
                raise AssessmentError(
                    "Hanya penilaian yang sudah dikirim mitra yang dapat diverifikasi."
                )
            items = _items(conn, row.id)
            before, after = _findings_written(conn, items, reviews)
            if outcome == "approved":
                _all_reviewed(items)
            if outcome == "save":
                version = _bump(conn, row, viewer, expected_version)
            else:
                version = _transition(
                    conn,
                    row,
                    viewer,
                    expected_version,
                    outcome,
                    note,
                    decided_at=datetime.now(),
                    decided_by=viewer.username,
                    decision_note=note,
                )
            record(
                conn,
                actor=viewer.username,
                action="review",
                entity="assessment",
                entity_id=row.id,
                old={"items": before},
                new={"items": after},
            )
            return version

    # Two people deciding at once: the loser is told (StaleRecord); a transaction that
    # lost a lock race (SQLite, PostgreSQL deadlock) simply runs again.
    return retrying(attempt)


def _decision_note(outcome: str, note: str) -> str:
    """The decision's note, cleaned; a return needs one."""
    if outcome not in ("save", "returned", "approved"):
        raise AssessmentError(f"Keputusan tidak dikenal: {outcome}.")
    note = clean(note, "note")
    if outcome == "returned" and not note:
        raise AssessmentError("Tuliskan catatan untuk mitra sebelum mengembalikan penilaian.")
    return note


def _all_reviewed(items: dict) -> None:
    """An approval needs every indicator reviewed."""
    pending = [c for c, item in items.items() if item["review"] == "pending"]
    if pending:
        waiting = ", ".join(pending)
        raise AssessmentError(
            f"Semua indikator harus ditinjau sebelum disetujui; belum: {waiting}."
        )


def _findings_written(conn, items: dict, reviews: dict[str, Review]) -> tuple[dict, dict]:
    """Write each finding that changes its item (`items` updated in place); (before, after)
    of those, for the audit."""
    before, after = {}, {}
    for code, finding in reviews.items():
        item = items.get(code)
        if item is None:
            raise AssessmentError(f"Indikator {code} tidak ada dalam penilaian ini.")
        level = _level(finding.level, f"Indikator {code}")
        verified = item["self_level"] if level is None else level
        values = {
            "verified_level": verified,
            "review": "accepted" if verified == item["self_level"] else "adjusted",
            "verifier_note": clean(finding.note, "verifier_note", code),
        }
        if any(item[k] != v for k, v in values.items()):
            conn.execute(update(Item).where(Item.id == item["id"]).values(**values))
            before[code] = {k: item[k] for k in values}
            after[code] = values
        item.update(values)
    return before, after
