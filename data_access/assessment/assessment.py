"""Self-assessments (Penilaian Mandiri): the workflow's write commands and its reads.

draft ⇄ (saved by the partner) → submitted → returned (back to the partner) or approved
(locked). Every command checks the caller, writes in one transaction, keeps the history and
an audit row, and refuses a save based on an older version of the record.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, update

from core.assessment.instrument import load_instrument
from data_access import models as m
from data_access.assessment.assessment_reads import (  # noqa: F401 - one place to import from
    assessment_detail,
    assessment_levels,
    assessment_overview,
    followup_plans,
)
from data_access.assessment.assessment_review import review  # noqa: F401
from data_access.assessment.assessment_rows import (
    _bump,
    _event,
    _items,
    _locked_sentence,
    _transition,
)
from data_access.assessment.assessment_rules import (  # noqa: F401
    EDITABLE,
    LABELS,
    LIMITS,
    LINK,
    REVIEWED,
    Answer,
    AssessmentError,
    Review,
    StaleRecord,
    _current,
    _level,
    _may_edit,
    _may_review,
    _stale,
    clean,
)
from data_access.assessment.followup import save_plan  # noqa: F401
from data_access.store.access import Viewer
from data_access.store.audit import record
from data_access.store.db import get_engine, retrying

A, Item, E, P = m.Assessment, m.AssessmentItem, m.AssessmentEvent, m.FollowUpPlan


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
    new = _answers(answers, instrument)

    def attempt():
        with get_engine().begin() as conn:
            row = _current(conn, partner_id, year)
            if row is None:
                if expected_version is not None:
                    raise AssessmentError("Penilaian yang Anda buka sudah tidak ada; muat ulang.")
                assessment_id = _opened(conn, viewer, partner_id, year, instrument.version)
                version, old_items = 1, {}
            else:
                if row.status not in EDITABLE:
                    raise AssessmentError(_locked_sentence(row.status))
                version = _bump(conn, row, viewer, expected_version)
                assessment_id, old_items = row.id, _items(conn, row.id)
            before, after = _written_items(conn, assessment_id, new, old_items)
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

    # Two people deciding at once: the loser is told (StaleRecord); a transaction that
    # lost a lock race (SQLite, PostgreSQL deadlock) simply runs again.
    return retrying(attempt)


def _answers(answers: dict[str, Answer], instrument) -> dict[str, dict]:
    """The answers as item fields, checked: an indicator of the instrument, a level, text
    within its limits."""
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
    return new


def _opened(conn, viewer: Viewer, partner_id: int, year: int, instrument_version) -> int:
    """A new draft assessment, its first event written; its id."""
    assessment_id = conn.execute(
        insert(A).values(
            partner_id=partner_id,
            year=year,
            status="draft",
            version=1,
            instrument_version=instrument_version,
            updated_at=datetime.now(),
            updated_by=viewer.username,
            decision_note="",
        )
    ).inserted_primary_key[0]
    _event(conn, assessment_id, viewer, None, "draft")
    return assessment_id


def _written_items(conn, assessment_id: int, new: dict, old_items: dict) -> tuple[dict, dict]:
    """Write the items that are new or changed; (before, after) of those, for the audit."""
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
            # A changed level or evidence needs the verifier's eyes again; the last
            # finding (level and note together) stays for both to read until then.
            reopened = any(old[k] != values[k] for k in REVIEWED)
            again = {"review": "pending"} if reopened else {}
            conn.execute(update(Item).where(Item.id == old["id"]).values(**values, **again))
        else:
            continue
        before[code] = {k: old[k] for k in values} if old else None
        after[code] = values
    return before, after


def submit(*, viewer: Viewer, partner_id: int, year: int, expected_version: int) -> int:
    """Send the assessment to verification: every indicator needs a level, and evidence (text
    or link) when the level is above 0. Returns the new version."""
    _may_edit(viewer, partner_id)
    instrument = load_instrument()

    def attempt():
        with get_engine().begin() as conn:
            row = _current(conn, partner_id, year)
            if row is None:
                raise AssessmentError("Belum ada penilaian untuk dikirim; isi dan simpan dulu.")
            if row.version != expected_version:  # changed since opened: say so first
                raise _stale(row)
            if row.status not in EDITABLE:
                raise AssessmentError(_locked_sentence(row.status))
            items = _items(conn, row.id)
            missing = [c for c in instrument.codes if items.get(c, {}).get("self_level") is None]
            if missing:
                raise AssessmentError(
                    f"Tingkat belum dipilih untuk indikator: {', '.join(missing)}."
                )
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

    # Two people deciding at once: the loser is told (StaleRecord); a transaction that
    # lost a lock race (SQLite, PostgreSQL deadlock) simply runs again.
    return retrying(attempt)
