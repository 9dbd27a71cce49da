"""What a self-assessment may hold: text limits, links, levels, the errors a user can
correct, and the answers and reviews the forms send."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select

from core.assessment.instrument import LEVELS
from data_access import models as m
from data_access.store.access import Viewer, require_owner, require_verifier

A, Item, E, P = m.Assessment, m.AssessmentItem, m.AssessmentEvent, m.FollowUpPlan


LIMITS = {
    "evidence_text": 2000,
    "evidence_link": 500,
    "comment": 1000,
    "verifier_note": 1000,
    "note": 2000,
    "action": 1000,
    "owner": 120,
}
LABELS = {
    "evidence_text": "Bukti (uraian)",
    "evidence_link": "Tautan bukti",
    "comment": "Komentar",
    "verifier_note": "Catatan verifikator",
    "note": "Catatan",
    "action": "Tindakan",
    "owner": "Penanggung jawab",
}
LINK = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
EDITABLE = ("draft", "returned")
REVIEWED = ("self_level", "evidence_text", "evidence_link")


class AssessmentError(ValueError):
    """A request the user can correct; the message says what was wrong and what to do."""


class StaleRecord(AssessmentError):
    """The record changed since the caller loaded it; nothing was written."""


@dataclass(frozen=True)
class Answer:
    """A partner's answer to one indicator."""

    level: int | None
    evidence_text: str = ""
    evidence_link: str = ""
    comment: str = ""


@dataclass(frozen=True)
class Review:
    """A verifier's finding on one indicator: `level` None accepts the partner's level."""

    level: int | None = None
    note: str = ""


def clean(value: str | None, field: str, where: str = "") -> str:
    """Stripped text within its length limit; a link must be an http(s) address."""
    text = (value or "").strip()
    label = f"{LABELS[field]}{f' ({where})' if where else ''}"
    if len(text) > LIMITS[field]:
        raise AssessmentError(
            f"{label}: paling banyak {LIMITS[field]} karakter, tertulis {len(text)}. "
            f"Persingkat teksnya."
        )
    if field == "evidence_link" and text and not LINK.match(text):
        raise AssessmentError(
            f"{label}: tautan harus diawali http:// atau https:// dan tanpa spasi."
        )
    return text


def _level(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or value not in LEVELS:
        raise AssessmentError(f"{where}: tingkat harus 0, 1, 2, 3 atau 4.")
    return int(value)


def _may_edit(viewer: Viewer, partner_id: int) -> None:
    require_owner(
        viewer, partner_id, "Hanya operator mitra ini (atau admin) yang boleh mengisi penilaiannya."
    )


def _may_review(viewer: Viewer) -> None:
    require_verifier(viewer, "Hanya verifikator (atau admin) yang boleh memverifikasi penilaian.")


def _current(conn: Connection, partner_id: int, year: int):
    return conn.execute(select(A).where(A.partner_id == partner_id, A.year == year)).first()


def _stale(row) -> StaleRecord:
    when = row.updated_at.strftime("%d/%m/%Y %H.%M")
    return StaleRecord(
        f"Penilaian ini sudah diubah oleh {row.updated_by} pada {when} setelah Anda membukanya. "
        f"Tidak ada yang disimpan; muat ulang halaman untuk melihat versi terbaru."
    )
