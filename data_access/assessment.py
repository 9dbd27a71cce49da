"""Self-assessments (Penilaian Mandiri): the workflow's write commands and its reads.

draft ⇄ (saved by the partner) → submitted → returned (back to the partner) or approved
(locked). Every command checks the caller, writes in one transaction, keeps the history and
an audit row, and refuses a save based on an older version of the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select, update

from core.instrument import LEVELS, load_instrument
from data_access import models as m
from data_access.access import AccessDenied, Viewer, guarded, require_owner, require_verifier
from data_access.accounts import record
from data_access.db import get_engine
from data_access.query import PARTNER_COLUMNS, PARTNER_NAMES, by_partner, filter_partners, frame

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


def save_draft(
    *,
    viewer: Viewer,
    partner_id: int,
    year: int,
    answers: dict[str, Answer],
    expected_version: int | None,
) -> int:
    """Save the partner's answers as a draft (creating the assessment on the first save).
    `expected_version` is the version the form was loaded from (None for a new one). Returns
    the new version."""
    _may_edit(viewer, partner_id)
    instrument = load_instrument()
    new: dict[str, dict] = {}
    for code, answer in answers.items():
        if code not in instrument.codes:
            raise AssessmentError(f"Indikator {code} tidak ada dalam instrumen.")
        new[code] = {
            "self_level": _level(answer.level, f"Indikator {code}"),
            "evidence_text": clean(answer.evidence_text, "evidence_text", code),
            "evidence_link": clean(answer.evidence_link, "evidence_link", code),
            "comment": clean(answer.comment, "comment", code),
        }
    with get_engine().begin() as conn:
        row = _current(conn, partner_id, year)
        if row is None:
            if expected_version is not None:
                raise AssessmentError("Penilaian yang Anda buka sudah tidak ada; muat ulang.")
            assessment_id = conn.execute(
                insert(A).values(
                    partner_id=partner_id,
                    year=year,
                    status="draft",
                    version=1,
                    instrument_version=instrument.version,
                    updated_at=datetime.now(),
                    updated_by=viewer.username,
                    decision_note="",
                )
            ).inserted_primary_key[0]
            _event(conn, assessment_id, viewer, None, "draft")
            version, old_items = 1, {}
        else:
            if row.status not in EDITABLE:
                raise AssessmentError(_locked_sentence(row.status))
            version = _bump(conn, row, viewer, expected_version)
            assessment_id, old_items = row.id, _items(conn, row.id)
        before, after = {}, {}
        for code, values in new.items():
            old = old_items.get(code)
            if old is None:
                conn.execute(
                    insert(Item).values(
                        assessment_id=assessment_id,
                        indicator_code=code,
                        review="pending",
                        verified_level=None,
                        verifier_note="",
                        **values,
                    )
                )
            elif any(old[k] != v for k, v in values.items()):
                # A changed level or evidence needs the verifier's eyes again; the earlier
                # note stays for both to read.
                reopened = any(old[k] != values[k] for k in REVIEWED)
                again = {"verified_level": None, "review": "pending"} if reopened else {}
                conn.execute(update(Item).where(Item.id == old["id"]).values(**values, **again))
            else:
                continue
            before[code] = {k: old[k] for k in values} if old else None
            after[code] = values
        record(
            conn,
            actor=viewer.username,
            action="save_draft",
            entity="assessment",
            entity_id=assessment_id,
            old={"version": expected_version, "items": before},
            new={"version": version, "items": after},
        )
    return version


def _locked_sentence(status: str) -> str:
    if status == "approved":
        return "Penilaian ini sudah disetujui dan terkunci; tidak dapat diubah lagi."
    return "Penilaian ini sedang diverifikasi; perubahan baru bisa setelah dikembalikan."


def _transition(conn, row, viewer, expected, new_status, note="", **values) -> int:
    version = _bump(conn, row, viewer, expected, status=new_status, **values)
    _event(conn, row.id, viewer, row.status, new_status, note)
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


def submit(*, viewer: Viewer, partner_id: int, year: int, expected_version: int) -> int:
    """Send the assessment to verification: every indicator needs a level, and evidence (text
    or link) when the level is above 0. Returns the new version."""
    _may_edit(viewer, partner_id)
    instrument = load_instrument()
    with get_engine().begin() as conn:
        row = _current(conn, partner_id, year)
        if row is None:
            raise AssessmentError("Belum ada penilaian untuk dikirim; isi dan simpan dulu.")
        if row.status not in EDITABLE:
            raise AssessmentError(_locked_sentence(row.status))
        if row.version != expected_version:
            raise _stale(row)
        items = _items(conn, row.id)
        missing = [c for c in instrument.codes if items.get(c, {}).get("self_level") is None]
        if missing:
            raise AssessmentError(f"Tingkat belum dipilih untuk indikator: {', '.join(missing)}.")
        bare = [
            c
            for c in instrument.codes
            if items[c]["self_level"] > 0
            and not (items[c]["evidence_text"] or items[c]["evidence_link"])
        ]
        if bare:
            raise AssessmentError(
                f"Bukti (uraian atau tautan) wajib untuk tingkat di atas 0; "
                f"belum ada untuk: {', '.join(bare)}."
            )
        return _transition(
            conn, row, viewer, expected_version, "submitted", submitted_at=datetime.now()
        )


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
    if outcome not in ("save", "returned", "approved"):
        raise AssessmentError(f"Keputusan tidak dikenal: {outcome}.")
    note = clean(note, "note")
    if outcome == "returned" and not note:
        raise AssessmentError("Tuliskan catatan untuk mitra sebelum mengembalikan penilaian.")
    with get_engine().begin() as conn:
        row = _current(conn, partner_id, year)
        if row is None or row.status != "submitted":
            raise AssessmentError(
                "Hanya penilaian yang sudah dikirim mitra yang dapat diverifikasi."
            )
        if row.version != expected_version:
            raise _stale(row)
        items = _items(conn, row.id)
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
        pending = [c for c, item in items.items() if item["review"] == "pending"]
        if outcome == "approved" and pending:
            raise AssessmentError(
                f"Semua indikator harus ditinjau sebelum disetujui; belum: {', '.join(pending)}."
            )
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


def save_plan(
    *,
    viewer: Viewer,
    partner_id: int,
    year: int,
    indicator_code: str,
    action: str,
    owner: str,
    due_on: date,
    status: str = "rencana",
    plan_id: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Add a follow-up plan (plan_id None) or change one (with the version it was loaded
    from). Returns the plan's id."""
    _may_edit(viewer, partner_id)
    if indicator_code not in load_instrument().codes:
        raise AssessmentError(f"Indikator {indicator_code} tidak ada dalam instrumen.")
    if status not in m.PLAN_STATUSES:
        raise AssessmentError(f"Status tidak dikenal; pilih: {', '.join(m.PLAN_STATUSES)}.")
    if not isinstance(due_on, date):
        raise AssessmentError("Tenggat harus berupa tanggal.")
    values = {
        "indicator_code": indicator_code,
        "action": clean(action, "action"),
        "owner": clean(owner, "owner"),
        "due_on": due_on,
        "status": status,
    }
    if not values["action"] or not values["owner"]:
        raise AssessmentError("Tindakan dan penanggung jawab wajib diisi.")
    stamp = {"updated_at": datetime.now(), "updated_by": viewer.username}
    with get_engine().begin() as conn:
        if plan_id is None:
            plan_id = conn.execute(
                insert(P).values(partner_id=partner_id, year=year, version=1, **values, **stamp)
            ).inserted_primary_key[0]
            old = {}
        else:
            row = conn.execute(select(P).where(P.id == plan_id)).first()
            if row is None or row.partner_id != partner_id:
                raise AccessDenied("Rencana ini bukan milik mitra Anda.")
            done = conn.execute(
                update(P)
                .where(P.id == plan_id, P.version == expected_version)
                .values(version=P.version + 1, **values, **stamp)
            )
            if done.rowcount != 1:
                raise StaleRecord(
                    f"Rencana ini sudah diubah oleh {row.updated_by} setelah Anda membukanya. "
                    f"Tidak ada yang disimpan; muat ulang halaman."
                )
            old = {k: getattr(row, k) for k in values}
        record(
            conn,
            actor=viewer.username,
            action="save_plan",
            entity="followup_plan",
            entity_id=plan_id,
            old=old,
            new=values,
        )
    return plan_id


HEADER = [
    "assessment_id",
    "status",
    "version",
    "instrument_version",
    "updated_at",
    "updated_by",
    "submitted_at",
    "decided_at",
    "decided_by",
    "decision_note",
]
ITEMS = [
    "indicator_code",
    "self_level",
    "evidence_text",
    "evidence_link",
    "comment",
    "verified_level",
    "review",
    "verifier_note",
]


@guarded("own")
def assessment_detail(*, partner_id: int, year: int) -> dict:
    """One partner's assessment of `year`.

    Keys: header: dict with assessment_id, status, version, instrument_version, updated_at,
    updated_by, submitted_at, decided_at, decided_by, decision_note; or None when nothing is
    saved yet. items: frame with indicator_code: str; self_level: int or NA (0–4);
    evidence_text, evidence_link, comment: str; verified_level: int or NA; review: 'pending' |
    'accepted' | 'adjusted'; verifier_note: str. history: frame with at: datetime; actor: str;
    from_status: str or None; to_status, note: str; oldest first.
    """
    with get_engine().connect() as conn:
        row = _current(conn, partner_id, year)
    if row is None:
        return {
            "header": None,
            "items": pd.DataFrame(columns=ITEMS),
            "history": pd.DataFrame(columns=["at", "actor", "from_status", "to_status", "note"]),
        }
    header = {"assessment_id": row.id, **{c: getattr(row, c) for c in HEADER[1:]}}
    items = frame(
        select(*[getattr(Item, c) for c in ITEMS])
        .where(Item.assessment_id == row.id)
        .order_by(Item.indicator_code),
        ITEMS,
    )
    for column in ("self_level", "verified_level"):
        items[column] = items[column].astype("Int64")
    history = frame(
        select(E.at, E.actor, E.from_status, E.to_status, E.note)
        .where(E.assessment_id == row.id)
        .order_by(E.at, E.id),
        ["at", "actor", "from_status", "to_status", "note"],
    )
    return {"header": header, "items": items, "history": history}


@guarded("peers")
def assessment_overview(
    *, year: int, partner_type: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """Every partner with the state of its assessment of `year`, ordered by type then code.

    Columns: partner_id: int; code, short_name, partner_type, province: str; status: 'draft' |
    'submitted' | 'returned' | 'approved', or None when nothing is saved; version: int or NA;
    updated_at, submitted_at, decided_at: datetime or NaT.
    """
    stmt = (
        select(*PARTNER_COLUMNS, A.status, A.version, A.updated_at, A.submitted_at, A.decided_at)
        .select_from(m.Partner)
        .join(m.Region, m.Partner.region_id == m.Region.id)
        .outerjoin(A, (A.partner_id == m.Partner.id) & (A.year == year))
        .order_by(m.Partner.partner_type.desc(), m.Partner.id)
    )
    stmt = filter_partners(stmt, partner_type=partner_type, province=province)
    out = frame(
        stmt, [*PARTNER_NAMES, "status", "version", "updated_at", "submitted_at", "decided_at"]
    )
    out["version"] = out["version"].astype("Int64")
    return out


@guarded("peers")
def assessment_levels(*, years: tuple[int, ...]) -> pd.DataFrame:
    """Item levels of every saved assessment in `years`.

    Columns: partner_id: int; partner_type, short_name: str; year: int; status: str;
    indicator_code: str; self_level, verified_level: int or NA (0–4).
    """
    stmt = by_partner(
        select(
            A.partner_id,
            m.Partner.partner_type,
            m.Partner.short_name,
            A.year,
            A.status,
            Item.indicator_code,
            Item.self_level,
            Item.verified_level,
        )
        .join(Item, Item.assessment_id == A.id)
        .where(A.year.in_(years)),
        A.partner_id,
    ).order_by(A.year, A.partner_id, Item.indicator_code)
    out = frame(
        stmt,
        [
            "partner_id",
            "partner_type",
            "short_name",
            "year",
            "status",
            "indicator_code",
            "self_level",
            "verified_level",
        ],
    )
    for column in ("self_level", "verified_level"):
        out[column] = out[column].astype("Int64")
    return out


PLAN_COLUMNS = [
    "plan_id",
    "partner_id",
    "code",
    "short_name",
    "year",
    "indicator_code",
    "action",
    "owner",
    "due_on",
    "status",
    "version",
    "updated_at",
    "updated_by",
]


@guarded("own")
def followup_plans(*, year: int | None = None, partner_id: int | None = None) -> pd.DataFrame:
    """Follow-up plans, by partner then due date.

    Columns: plan_id, partner_id: int; code, short_name: str; year: int; indicator_code,
    action, owner: str; due_on: date; status: 'rencana' | 'berjalan' | 'selesai' | 'batal';
    version: int; updated_at: datetime; updated_by: str.
    """
    stmt = by_partner(
        select(
            P.id,
            P.partner_id,
            m.Partner.code,
            m.Partner.short_name,
            P.year,
            P.indicator_code,
            P.action,
            P.owner,
            P.due_on,
            P.status,
            P.version,
            P.updated_at,
            P.updated_by,
        ),
        P.partner_id,
        partner_id=partner_id,
    )
    if year is not None:
        stmt = stmt.where(P.year == year)
    return frame(stmt.order_by(m.Partner.id, P.due_on, P.id), PLAN_COLUMNS)
