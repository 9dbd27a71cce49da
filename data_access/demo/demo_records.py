"""The demo data set's records: MoUs, reported figures, self-assessments and quarterly
reports, read from the CSVs of seed_data/."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

from data_access import models as m


def read_csv(name: str, folder: Path) -> list[dict]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def demo_username(partner_code: str) -> str:
    """`mitra-3212` for a region (its BPS code), `mitra-ubi` for an institution."""
    return f"mitra-{partner_code.replace('.', '').lower()}"


def load_mous(conn, folder: Path, partner_id: dict[str, int]) -> None:
    mous = read_csv("mous", folder)
    conn.execute(
        insert(m.Mou),
        [
            {
                "partner_id": partner_id[r["partner_code"]],
                "number": r["number"],
                "signed_on": day(r["signed_on"]),
                "valid_until": day(r["valid_until"]),
            }
            for r in mous
        ],
    )
    mou_id = dict(conn.execute(select(m.Mou.number, m.Mou.id)).all())
    for r in mous:
        if r["renewed_by_number"]:
            conn.execute(
                m.Mou.__table__.update()
                .where(m.Mou.id == mou_id[r["number"]])
                .values(renewed_by_id=mou_id[r["renewed_by_number"]])
            )
    conn.execute(
        insert(m.MouScope),
        [
            {"mou_id": mou_id[r["mou_number"]], "scope_code": r["scope_code"]}
            for r in read_csv("mou_scopes", folder)
        ],
    )
    conn.execute(
        insert(m.Pks),
        [
            {
                "mou_id": mou_id[r["mou_number"]],
                "number": r["number"],
                "title": r["title"],
                "scope_code": r["scope_code"],
                "signed_on": day(r["signed_on"]),
                "valid_until": day(r["valid_until"]),
            }
            for r in read_csv("pks", folder)
        ],
    )
    conn.execute(
        insert(m.Deliverable),
        [
            {
                "partner_id": partner_id[r["partner_code"]],
                "scope_code": r["scope_code"],
                "kind": r["kind"],
                "status": r["status"],
                "due_on": day(r["due_on"]),
                "completed_on": day(r["completed_on"]),
                "evidence_note": r["evidence_note"],
            }
            for r in read_csv("deliverables", folder)
        ],
    )


def _ints(row: dict, *names: str) -> dict:
    return {n: int(row[n]) for n in names}


def load_facts(conn, folder: Path, partner_id: dict[str, int], region_id: dict[str, int]) -> None:
    conn.execute(
        insert(m.TrainingBudget),
        [
            {
                "partner_id": partner_id[r["partner_code"]],
                "fund_source": r["fund_source"],
                **_ints(r, "year", "quarter", "pagu_rp", "realisasi_rp", "target_trainees"),
            }
            for r in read_csv("training_budgets", folder)
        ],
    )
    conn.execute(
        insert(m.TrainingCohort),
        [
            {
                "partner_id": partner_id[r["partner_code"]],
                "programme": r["programme"],
                "destination": r["destination"],
                "sector": r["sector"],
                **_ints(
                    r,
                    "year",
                    "quarter",
                    "registered",
                    "graduated",
                    "certified",
                    "placed",
                    "cost_rp",
                ),
            }
            for r in read_csv("training_cohorts", folder)
        ],
    )
    conn.execute(
        insert(m.Village),
        [
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "region_id": region_id[r["region_code"]],
                "pmi_count": int(r["pmi_count"]),
            }
            for r in read_csv("villages", folder)
        ],
    )
    village_id = dict(conn.execute(select(m.Village.code, m.Village.id)).all())
    events = []
    for r in read_csv("socialization_events", folder):
        held = date.fromisoformat(r["held_on"])
        events.append(
            {
                "partner_id": partner_id[r["partner_code"]],
                "village_id": village_id[r["village_code"]],
                "held_on": held,
                "year": held.year,
                "quarter": (held.month - 1) // 3 + 1,
                "topic": r["topic"],
                "organiser": r["organiser"],
                **_ints(r, "participants_male", "participants_female"),
            }
        )
    conn.execute(insert(m.SocializationEvent), events)
    conn.execute(
        insert(m.PartnerOutcome),
        [
            {
                "partner_id": partner_id[r["partner_code"]],
                **_ints(
                    r,
                    "year",
                    "placements",
                    "complaints",
                    "nonprocedural_prevented",
                    "returns_facilitated",
                ),
            }
            for r in read_csv("partner_outcomes", folder)
        ],
    )


def load_submissions(conn, folder: Path, partner_id: dict[str, int]) -> None:
    """Demo quarterly reports with the history their status implies."""
    for r in read_csv("submissions", folder):
        code, status = r["partner_code"], r["status"]
        operator = demo_username(code)
        sent = datetime.combine(day(r["submitted_on"]), time(9))
        decided = day(r["decided_on"])
        steps = [
            (sent - timedelta(days=3), operator, None, "draft"),
            (sent, operator, "draft", "submitted"),
        ]
        if decided:
            steps.append((datetime.combine(decided, time(15)), "verifikator", "submitted", status))
        last = steps[-1]
        row_id = conn.execute(
            insert(m.Submission).values(
                partner_id=partner_id[code],
                year=int(r["year"]),
                quarter=int(r["quarter"]),
                status=status,
                version=len(steps),
                updated_at=last[0],
                updated_by=last[1],
                submitted_at=sent,
                decided_at=last[0] if decided else None,
                decided_by="verifikator" if decided else None,
                note="",
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(m.SubmissionEvent),
            [
                {
                    "submission_id": row_id,
                    "at": at,
                    "actor": actor,
                    "from_status": old,
                    "to_status": new,
                    "note": "",
                }
                for at, actor, old, new in steps
            ],
        )


def pend_open_reports(conn) -> None:
    """Rows of demo reports that are open or under review belong to their pending version
    (the CSVs hold one version of each quarter)."""
    S = m.Submission
    for table, quarter in (
        (m.TrainingBudget, None),
        (m.TrainingCohort, None),
        (m.SocializationEvent, None),
        (m.PartnerOutcome, 4),
    ):
        report = (
            select(S.id)
            .where(
                S.partner_id == table.partner_id,
                S.year == table.year,
                S.quarter == (table.quarter if quarter is None else quarter),
                S.status.in_(("draft", "returned", "submitted")),
            )
            .exists()
        )
        conn.execute(update(table).where(report).values(layer=m.PENDING))
