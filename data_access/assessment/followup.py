"""Follow-up plans (Rencana Tindak Lanjut) for weak indicators: added and changed by the
partner, compare-and-set on their version, audited."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select, update

from core.assessment.instrument import load_instrument
from data_access import models as m
from data_access.assessment.assessment_rules import AssessmentError, StaleRecord, _may_edit, clean
from data_access.store.access import AccessDenied, Viewer
from data_access.store.audit import record
from data_access.store.db import get_engine

A, Item, E, P = m.Assessment, m.AssessmentItem, m.AssessmentEvent, m.FollowUpPlan


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
    values = _plan_values(indicator_code, action, owner, due_on, status)
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


def _plan_values(indicator_code: str, action: str, owner: str, due_on, status: str) -> dict:
    """A plan's fields as stored, checked; AssessmentError names what is wrong."""
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
    return values
