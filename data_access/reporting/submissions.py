"""Partners' quarterly reports (pelaporan): a partner's account fills in its quarter and
submits it; a verifier approves it (then it is locked) or returns it with a note; a correction
after approval reopens it with a reason. Every change keeps its history and an audit row, and
the derived figures follow in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from data_access import models as m
from data_access.figures import summaries
from data_access.mail import notifications
from data_access.reporting import layers
from data_access.store.access import Viewer, require_owner, require_verifier
from data_access.store.audit import record
from data_access.store.db import get_engine, retrying

S, SE = m.Submission, m.SubmissionEvent
EDITABLE = ("draft", "returned")
NOTE_LIMIT = 2000


class SubmissionError(ValueError):
    """A request the user can correct; the message says what and how."""


class StaleSubmission(SubmissionError):
    """The report changed since the caller loaded it; nothing was written."""


def may_report(viewer: Viewer, partner_id: int) -> None:
    require_owner(
        viewer, partner_id, "Hanya operator mitra ini (atau admin) yang boleh melaporkan datanya."
    )


def _may_verify(viewer: Viewer) -> None:
    require_verifier(viewer, "Hanya verifikator (atau admin) yang boleh memutuskan laporan.")


def _current(conn: Connection, partner_id: int, year: int, quarter: int):
    return conn.execute(
        select(S).where(S.partner_id == partner_id, S.year == year, S.quarter == quarter)
    ).first()


def _event(conn, submission_id: int, viewer: Viewer, old, new: str, note: str = "") -> None:
    conn.execute(
        insert(SE).values(
            submission_id=submission_id,
            at=datetime.now(),
            actor=viewer.username,
            from_status=old,
            to_status=new,
            note=note,
        )
    )


def label(year: int, quarter: int) -> str:
    return f"TW {('I', 'II', 'III', 'IV')[quarter - 1]} {year}"


def lock_partners(conn: Connection, partner_ids) -> None:
    """Hold the partners' rows until the caller's transaction ends, in one order: a report
    opened as a copy of the published figures and an agency write into the same quarter
    take turns, so the copy never misses what the agency wrote (SQLite writes one at a time
    anyway). No key is changed, so other writes that only refer to a partner are not held."""
    ids = sorted(set(partner_ids))
    if not ids:
        return
    if conn.dialect.name == "sqlite":
        # SQLite starts a transaction at its first write and has no row locks: a write that
        # changes nothing takes the database's write lock now, before anything is read.
        conn.execute(update(m.Partner).where(m.Partner.id.in_(ids)).values(id=m.Partner.id))
        return
    conn.execute(
        select(m.Partner.id)
        .where(m.Partner.id.in_(ids))
        .order_by(m.Partner.id)
        .with_for_update(key_share=True)
    ).all()


def open_draft(conn: Connection, viewer: Viewer, partner_id: int, year: int, quarter: int) -> None:
    """Inside a partner's write of its own data: the quarter's report must be open (a draft
    or returned); a new one starts as a draft. Refuses a report under review or approved."""
    lock_partners(conn, [partner_id])
    row = _current(conn, partner_id, year, quarter)
    if row is None:
        created = conn.execute(
            insert(S).values(
                partner_id=partner_id,
                year=year,
                quarter=quarter,
                status="draft",
                version=1,
                updated_at=datetime.now(),
                updated_by=viewer.username,
                note="",
            )
        ).inserted_primary_key[0]
        _event(conn, created, viewer, None, "draft")
        layers.open_pending(conn, partner_id, year, quarter)
        record(
            conn,
            actor=viewer.username,
            action="report_opened",
            entity="submission",
            entity_id=created,
            new={"partner_id": partner_id, "year": year, "quarter": quarter, "status": "draft"},
        )
        return
    if row.status == "submitted":
        raise SubmissionError(
            f"Laporan {label(year, quarter)} sedang diverifikasi; data baru bisa dikirim "
            f"setelah laporan itu dikembalikan."
        )
    if row.status == "approved":
        raise SubmissionError(
            f"Laporan {label(year, quarter)} sudah disetujui dan terkunci; minta verifikator "
            f"membukanya kembali untuk koreksi."
        )
    # The report must still be open when the row is written: a submission that commits in
    # between wins, and this write is refused rather than landing in a report under review.
    still_open = conn.execute(
        update(S)
        .where(S.id == row.id, S.status.in_(EDITABLE))
        .values(version=S.version + 1, updated_at=datetime.now(), updated_by=viewer.username)
    ).rowcount
    if still_open != 1:
        raise SubmissionError(
            f"Laporan {label(year, quarter)} baru saja dikirim atau diputuskan oleh orang lain; "
            f"tidak ada yang disimpan. Muat ulang halaman."
        )


def _change(
    viewer: Viewer,
    partner_id: int,
    year: int,
    quarter: int,
    expected_version: int,
    allowed_from: tuple[str, ...],
    new_status: str,
    note: str = "",
    **values,
) -> int:
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise SubmissionError(f"Catatan paling banyak {NOTE_LIMIT} karakter.")

    def attempt() -> int:
        return _change_once(
            viewer,
            partner_id,
            year,
            quarter,
            expected_version,
            allowed_from,
            new_status,
            note,
            **values,
        )

    return retrying(attempt)


def _stale(conn: Connection, partner_id: int, year: int, quarter: int) -> StaleSubmission:
    now = _current(conn, partner_id, year, quarter)
    who = now.updated_by if now is not None else "orang lain"
    when = f" pada {now.updated_at:%d/%m/%Y %H:%M}" if now is not None else ""
    return StaleSubmission(
        f"Laporan {label(year, quarter)} sudah diubah oleh {who}{when} setelah Anda "
        f"membukanya. Tidak ada yang disimpan; muat ulang halaman."
    )


def _change_once(
    viewer: Viewer,
    partner_id: int,
    year: int,
    quarter: int,
    expected_version: int,
    allowed_from: tuple[str, ...],
    new_status: str,
    note: str,
    **values,
) -> int:
    with get_engine().begin() as conn:
        row = _current(conn, partner_id, year, quarter)
        # Someone changed it after this person opened it (the other of two verifiers
        # deciding at once): say so, whatever state that change left it in.
        if row is not None and row.version != expected_version:
            raise _stale(conn, partner_id, year, quarter)
        if row is None or row.status not in allowed_from:
            raise SubmissionError(
                f"Laporan {label(year, quarter)} tidak dalam status yang bisa diubah begini."
            )
        if new_status == "submitted" and not layers.pending_rows(conn, partner_id, year, quarter):
            raise SubmissionError(
                f"Belum ada data untuk {label(year, quarter)}; unggah atau isi datanya dulu."
            )
        # Compare-and-set: the row changes only if nobody changed it since it was read here,
        # so of two people deciding at once exactly one wins; the other writes nothing.
        changed = conn.execute(
            update(S)
            .where(S.id == row.id, S.version == expected_version, S.status == row.status)
            .values(
                status=new_status,
                version=S.version + 1,
                updated_at=datetime.now(),
                updated_by=viewer.username,
                note=note,
                **values,
            )
        ).rowcount
        if changed != 1:
            raise _stale(conn, partner_id, year, quarter)
        _event(conn, row.id, viewer, row.status, new_status, note)
        if new_status == "approved":
            layers.publish(conn, partner_id, year, quarter)
        elif row.status == "approved":  # reopened: a correction starts from what counts
            layers.open_pending(conn, partner_id, year, quarter)
        summaries.refresh(conn, [partner_id])  # what the pages count has changed with it
        notifications.tell_of_report(conn, partner_id, year, quarter, new_status, note)
        record(
            conn,
            actor=viewer.username,
            action=f"report_{new_status}",
            entity="submission",
            entity_id=row.id,
            old={"status": row.status, "version": row.version},
            new={"status": new_status, "version": row.version + 1, "note": note},
        )
    return row.version + 1


def submit(
    *, viewer: Viewer, partner_id: int, year: int, quarter: int, expected_version: int
) -> int:
    """Send the quarter's report to verification (it then counts as submitted data)."""
    may_report(viewer, partner_id)
    return _change(
        viewer,
        partner_id,
        year,
        quarter,
        expected_version,
        EDITABLE,
        "submitted",
        submitted_at=datetime.now(),
    )


def decide(
    *,
    viewer: Viewer,
    partner_id: int,
    year: int,
    quarter: int,
    expected_version: int,
    outcome: str,
    note: str = "",
) -> int:
    """Approve (locks the quarter) or return it with a note."""
    _may_verify(viewer)
    if outcome not in ("approved", "returned"):
        raise SubmissionError(f"Keputusan tidak dikenal: {outcome}.")
    if outcome == "returned" and not (note or "").strip():
        raise SubmissionError("Tuliskan catatan untuk mitra sebelum mengembalikan laporan.")
    return _change(
        viewer,
        partner_id,
        year,
        quarter,
        expected_version,
        ("submitted",),
        outcome,
        note,
        decided_at=datetime.now(),
        decided_by=viewer.username,
    )


def reopen(
    *, viewer: Viewer, partner_id: int, year: int, quarter: int, expected_version: int, reason: str
) -> int:
    """Open an approved quarter again for a correction; the reason goes into the history."""
    _may_verify(viewer)
    if not (reason or "").strip():
        raise SubmissionError("Tuliskan alasan membuka kembali laporan yang sudah disetujui.")
    return _change(
        viewer, partner_id, year, quarter, expected_version, ("approved",), "draft", reason
    )
