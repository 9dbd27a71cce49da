"""Create, migrate and (when empty) fill the database with the demo data."""

from __future__ import annotations

import csv
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, func, insert, select

from data_access import accounts as accounts_module
from data_access import models as m
from data_access import summaries
from data_access.db import PROJECT_ROOT, get_engine

DEMO_CSV_DIR = PROJECT_ROOT / "seed_data" / "csv"


def migrate(engine: Engine | None = None) -> None:
    """Bring the schema to the newest migration."""
    engine = engine or get_engine()
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _read(name: str, folder: Path) -> list[dict]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_demo(engine: Engine | None = None, folder: Path = DEMO_CSV_DIR) -> bool:
    """Load the demo CSVs into an empty database in one transaction; False if data exists."""
    engine = engine or get_engine()
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(m.Partner)).scalar_one():
            return False
        conn.execute(insert(m.DatasetInfo), _read("dataset_info", folder))
        regions = _read("regions", folder)
        conn.execute(
            insert(m.Region),
            [
                {
                    **r,
                    "desa_count": int(r["desa_count"]),
                    "kelurahan_count": int(r["kelurahan_count"]),
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                }
                for r in regions
            ],
        )
        region_id = dict(conn.execute(select(m.Region.kemendagri_code, m.Region.id)).all())
        partners = _read("partners", folder)
        conn.execute(
            insert(m.Partner),
            [
                {
                    "code": p["code"],
                    "name": p["name"],
                    "short_name": p["short_name"],
                    "partner_type": p["partner_type"],
                    "region_id": region_id[p["region_code"]],
                    "lat": float(p["lat"]),
                    "lon": float(p["lon"]),
                }
                for p in partners
            ],
        )
        partner_id = dict(conn.execute(select(m.Partner.code, m.Partner.id)).all())
        _load_mous(conn, folder, partner_id)
        _load_facts(conn, folder, partner_id, region_id)
        _load_assessments(conn, folder, partner_id)
        _load_submissions(conn, folder, partner_id)
        summaries.refresh(conn)
        _demo_accounts(conn, [p["code"] for p in partners])
    return True


DEMO_STAFF = (
    ("pimpinan", "Pimpinan (akun contoh)", "pimpinan"),
    ("admin", "Admin (akun contoh)", "admin"),
    ("verifikator", "Verifikator (akun contoh)", "verifikator"),
)


def demo_username(partner_code: str) -> str:
    """`mitra-3212` for a region (its BPS code), `mitra-ubi` for an institution."""
    return f"mitra-{partner_code.replace('.', '').lower()}"


def demo_staff_accounts(conn) -> None:
    """The demo accounts of leadership, admin and verifier alone (for synthetic data sets)."""
    _demo_accounts(conn, [])


def _demo_accounts(conn, partner_codes: list[str]) -> None:
    """One demo account per role and one per partner; password `contoh-<username>`."""
    accounts = [(u, name, role, None) for u, name, role in DEMO_STAFF] + [
        (demo_username(code), f"Operator mitra {code} (akun contoh)", "mitra", code)
        for code in partner_codes
    ]
    for username, full_name, role, code in accounts:
        accounts_module.create_user(
            conn,
            actor=accounts_module.SYSTEM,
            username=username,
            full_name=full_name,
            role=role,
            password=f"contoh-{username}",
            partner_code=code,
            is_demo=True,
        )


def _load_mous(conn, folder: Path, partner_id: dict[str, int]) -> None:
    mous = _read("mous", folder)
    conn.execute(
        insert(m.Mou),
        [
            {
                "partner_id": partner_id[r["partner_code"]],
                "number": r["number"],
                "signed_on": _day(r["signed_on"]),
                "valid_until": _day(r["valid_until"]),
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
            for r in _read("mou_scopes", folder)
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
                "signed_on": _day(r["signed_on"]),
                "valid_until": _day(r["valid_until"]),
            }
            for r in _read("pks", folder)
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
                "due_on": _day(r["due_on"]),
                "completed_on": _day(r["completed_on"]),
                "evidence_note": r["evidence_note"],
            }
            for r in _read("deliverables", folder)
        ],
    )


def _ints(row: dict, *names: str) -> dict:
    return {n: int(row[n]) for n in names}


def _load_facts(conn, folder: Path, partner_id: dict[str, int], region_id: dict[str, int]) -> None:
    conn.execute(
        insert(m.TrainingBudget),
        [
            {
                "partner_id": partner_id[r["partner_code"]],
                "fund_source": r["fund_source"],
                **_ints(r, "year", "quarter", "pagu_rp", "realisasi_rp", "target_trainees"),
            }
            for r in _read("training_budgets", folder)
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
            for r in _read("training_cohorts", folder)
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
            for r in _read("villages", folder)
        ],
    )
    village_id = dict(conn.execute(select(m.Village.code, m.Village.id)).all())
    events = []
    for r in _read("socialization_events", folder):
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
            for r in _read("partner_outcomes", folder)
        ],
    )


def _load_assessments(conn, folder: Path, partner_id: dict[str, int]) -> None:
    """Demo self-assessments with the history their status implies."""
    ids = {}
    for a in _read("assessments", folder):
        code, year, status = a["partner_code"], int(a["year"]), a["status"]
        submitted, decided = _day(a["submitted_on"]), _day(a["decided_on"])
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
    items = _read("assessment_items", folder)
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
    plans = _read("followup_plans", folder)
    conn.execute(
        insert(m.FollowUpPlan),
        [
            {
                "partner_id": partner_id[p["partner_code"]],
                "year": int(p["year"]),
                "indicator_code": p["indicator_code"],
                "action": p["action"],
                "owner": p["owner"],
                "due_on": _day(p["due_on"]),
                "status": p["status"],
                "version": 1,
                "updated_at": datetime(2026, 2, 20, 9, 0),
                "updated_by": demo_username(p["partner_code"]),
            }
            for p in plans
        ],
    )


def _load_submissions(conn, folder: Path, partner_id: dict[str, int]) -> None:
    """Demo quarterly reports with the history their status implies."""
    for r in _read("submissions", folder):
        code, status = r["partner_code"], r["status"]
        operator = demo_username(code)
        sent = datetime.combine(_day(r["submitted_on"]), time(9))
        decided = _day(r["decided_on"])
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


def demo_data_wanted() -> bool:
    """Whether an empty database gets the demo data (`LOAD_DEMO_DATA=false` in production)."""
    return os.environ.get("LOAD_DEMO_DATA", "true").strip().lower() not in ("0", "false", "no")


def ensure_database(engine: Engine | None = None) -> None:
    """Migrate the configured database and, if it holds no partners, load the demo data."""
    engine = engine or get_engine()
    migrate(engine)
    if demo_data_wanted():
        load_demo(engine)
