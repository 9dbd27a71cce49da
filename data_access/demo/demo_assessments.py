"""The demo data set's self-assessments and follow-up plans."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from sqlalchemy import insert

from data_access import models as m
from data_access.demo.demo_records import day, demo_username, read_csv


def load_assessments(conn, folder: Path, partner_id: dict[str, int]) -> None:
    """Demo self-assessments with the history their status implies."""
    ids = {}
    for a in read_csv("assessments", folder):
        code, year, status = a["partner_code"], int(a["year"]), a["status"]
        submitted, decided = day(a["submitted_on"]), day(a["decided_on"])
        operator, created = demo_username(code), datetime(year, 12, 1, 9, 0)
        steps = [(created, operator, None, "draft", "")]
        if submitted:
            steps.append(
                (datetime.combine(submitted, time(10)), operator, "draft", "submitted", "")
            )
        if decided:
            steps.append(
                (
                    datetime.combine(decided, time(14)),
                    "verifikator",
                    "submitted",
                    status,
                    a["decision_note"],
                )
            )
        last = steps[-1]
        ids[code, year] = conn.execute(
            insert(m.Assessment).values(
                partner_id=partner_id[code],
                year=year,
                status=status,
                version=len(steps),
                instrument_version="2025.1",
                updated_at=last[0],
                updated_by=last[1],
                submitted_at=steps[1][0] if submitted else None,
                decided_at=last[0] if decided else None,
                decided_by="verifikator" if decided else None,
                decision_note=a["decision_note"],
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(m.AssessmentEvent),
            [
                {
                    "assessment_id": ids[code, year],
                    "at": at,
                    "actor": actor,
                    "from_status": old,
                    "to_status": new,
                    "note": note,
                }
                for at, actor, old, new, note in steps
            ],
        )
    items = read_csv("assessment_items", folder)
    conn.execute(
        insert(m.AssessmentItem),
        [
            {
                "assessment_id": ids[i["partner_code"], int(i["year"])],
                "indicator_code": i["indicator_code"],
                "self_level": int(i["self_level"]),
                "evidence_text": i["evidence_text"],
                "evidence_link": i["evidence_link"],
                "comment": i["comment"],
                "verified_level": int(i["verified_level"]) if i["verified_level"] else None,
                "review": i["review"],
                "verifier_note": i["verifier_note"],
            }
            for i in items
        ],
    )
    plans = read_csv("followup_plans", folder)
    conn.execute(
        insert(m.FollowUpPlan),
        [
            {
                "partner_id": partner_id[p["partner_code"]],
                "year": int(p["year"]),
                "indicator_code": p["indicator_code"],
                "action": p["action"],
                "owner": p["owner"],
                "due_on": day(p["due_on"]),
                "status": p["status"],
                "version": 1,
                "updated_at": datetime(2026, 2, 20, 9, 0),
                "updated_by": demo_username(p["partner_code"]),
            }
            for p in plans
        ],
    )
