"""Row-level steps shared by the self-assessment commands: raising the version under a
condition, the status history, reading the items, and a status change with its audit row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from data_access import models as m
from data_access.assessment.assessment_rules import _current, _stale
from data_access.mail import notifications
from data_access.store.access import Viewer
from data_access.store.audit import record

A, Item, E = m.Assessment, m.AssessmentItem, m.AssessmentEvent


def _bump(conn: Connection, row, viewer: Viewer, expected: int | None, **values) -> int:
    """Raise the version from `expected`, or refuse if someone else did first."""
    if expected != row.version:
        raise _stale(row)
    done = conn.execute(
        update(A)
        .where(A.id == row.id, A.version == expected)
        .values(
            version=expected + 1, updated_at=datetime.now(), updated_by=viewer.username, **values
        )
    )
    if done.rowcount != 1:
        raise _stale(_current(conn, row.partner_id, row.year))
    return expected + 1


def _event(conn: Connection, row_id: int, viewer: Viewer, old: str | None, new: str, note=""):
    conn.execute(
        insert(E).values(
            assessment_id=row_id,
            at=datetime.now(),
            actor=viewer.username,
            from_status=old,
            to_status=new,
            note=note,
        )
    )


def _items(conn: Connection, assessment_id: int) -> dict[str, dict]:
    rows = conn.execute(select(Item).where(Item.assessment_id == assessment_id)).all()
    return {
        r.indicator_code: {
            "id": r.id,
            "self_level": r.self_level,
            "evidence_text": r.evidence_text,
            "evidence_link": r.evidence_link,
            "comment": r.comment,
            "verified_level": r.verified_level,
            "review": r.review,
            "verifier_note": r.verifier_note,
        }
        for r in rows
    }


def _locked_sentence(status: str) -> str:
    if status == "approved":
        return "Penilaian ini sudah disetujui dan terkunci; tidak dapat diubah lagi."
    return "Penilaian ini sedang diverifikasi; perubahan baru bisa setelah dikembalikan."


def _transition(conn, row, viewer, expected, new_status, note="", **values) -> int:
    version = _bump(conn, row, viewer, expected, status=new_status, **values)
    _event(conn, row.id, viewer, row.status, new_status, note)
    notifications.tell_of_assessment(conn, row.partner_id, row.year, new_status, note)
    record(
        conn,
        actor=viewer.username,
        action=new_status,
        entity="assessment",
        entity_id=row.id,
        old={"status": row.status, "version": row.version},
        new={"status": new_status, "version": version, "note": note},
    )
    return version
