"""Many people at once, with real threads released together: every write stays correct on
PostgreSQL (CI runs this module there too) and on SQLite."""

import threading

import pandas as pd
import pytest
import sqlalchemy as sa
from pandas.testing import assert_frame_equal

from data_access import models as m
from data_access.figures import socialization, summaries
from data_access.imports import imports
from data_access.reporting import report_reads
from data_access.reporting import submissions as reports
from data_access.store import audit
from data_access.store.access import Viewer
from data_access.store.db import get_engine
from tests.viewers import ADMIN, STAFF, VERIFIER

# Partners report TW I 2026 here: the day is in the window where that report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")


YEAR, QUARTER = 2026, 1


def race(*jobs):
    """Run the jobs in threads released at the same moment; return each result or error."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(n, job):
        barrier.wait()
        try:
            results[n] = job()
        except Exception as exc:  # noqa: BLE001 - the outcome of each job is asserted
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def partners() -> pd.DataFrame:
    with get_engine().connect() as conn:
        rows = conn.execute(sa.select(m.Partner.id, m.Partner.partner_type, m.Partner.region_id))
        return pd.DataFrame(rows.all(), columns=["id", "partner_type", "region_id"])


def operator(pid: int) -> Viewer:
    return Viewer("mitra", pid, f"operator-{pid}")


def village_of(region_id: int, n: int = 0) -> int:
    with get_engine().connect() as conn:
        return (
            conn.execute(
                sa.select(m.Village.id)
                .where(m.Village.region_id == region_id)
                .order_by(m.Village.id)
            )
            .scalars()
            .all()[n]
        )


def draft_report(pid: int, region_id: int | None) -> None:
    """A partner's TW I 2026 report with a budget row and, for a region, an event."""
    imports.apply(
        viewer=operator(pid), kind="anggaran", file_name="a.csv", file_bytes=b"a",
        records=[{"partner_id": pid, "year": YEAR, "quarter": QUARTER, "fund_source": "APBD",
                  "pagu_rp": 1_000_000_000 + pid, "realisasi_rp": 100_000_000,
                  "target_trainees": 10}],
    )  # fmt: skip
    if region_id is not None:
        imports.apply(viewer=operator(pid), kind="sosialisasi", file_name="s.csv",
                      file_bytes=b"s", records=[event(pid, village_of(region_id))])  # fmt: skip


def event(pid: int, village_id: int, day: int = 10, topic: str = "MIGRASI_AMAN") -> dict:
    from datetime import date

    return {"partner_id": pid, "village_id": village_id, "held_on": date(YEAR, 2, day),
            "year": YEAR, "quarter": QUARTER, "topic": topic, "participants_male": 20,
            "participants_female": 25, "organiser": "Disnaker"}  # fmt: skip


def version(pid: int) -> int:
    rows = report_reads.submission_overview(viewer=STAFF, year=YEAR)
    row = rows[(rows["partner_id"] == pid) & (rows["quarter"] == QUARTER)]
    return int(row["version"].iloc[0])


def derived() -> dict[str, pd.DataFrame]:
    tables = {}
    with get_engine().connect() as conn:
        for table in (m.SocializationQuarter, m.VillageReach, m.VillageFirstReach):
            frame = pd.DataFrame(conn.execute(sa.select(table)).mappings().all())
            tables[table.__tablename__] = frame.sort_values(list(frame.columns)).reset_index(
                drop=True
            )
    return tables


def test_every_partner_submits_at_the_same_moment(database_url):
    everyone = partners()
    for row in everyone.itertuples():
        draft_report(int(row.id), int(row.region_id) if row.partner_type == "pemda" else None)
    versions = {int(row.id): version(int(row.id)) for row in everyone.itertuples()}
    results = race(
        *[
            lambda pid=pid: reports.submit(
                viewer=operator(pid),
                partner_id=pid,
                year=YEAR,
                quarter=QUARTER,
                expected_version=versions[pid],
            )  # fmt: skip
            for pid in map(int, everyone["id"])
        ]
    )
    assert all(isinstance(r, int) for r in results), [r for r in results if not isinstance(r, int)]
    state = report_reads.submission_overview(viewer=STAFF, year=YEAR)
    assert set(state["status"]) == {"submitted"} and len(state) == len(everyone)
    # The derived tables, maintained per partner during the race, equal a full rebuild.
    after_race = derived()
    with get_engine().begin() as conn:
        summaries.refresh(conn)
    for name, frame in derived().items():
        assert_frame_equal(after_race[name], frame, check_dtype=False)
    coverage = socialization.coverage_by_partner(viewer=STAFF, year=YEAR, quarter=QUARTER)
    regions = set(map(int, everyone.loc[everyone["partner_type"] == "pemda", "id"]))
    assert set(coverage.loc[coverage["reached_period"] == 1, "partner_id"]) == regions


def test_two_verifiers_deciding_one_report_at_once_one_wins(database_url):
    draft_report(1, int(partners().set_index("id").loc[1, "region_id"]))
    submitted = reports.submit(
        viewer=operator(1), partner_id=1, year=YEAR, quarter=QUARTER, expected_version=version(1)
    )
    other = Viewer("verifikator", username="verifikator-2")
    common = {"partner_id": 1, "year": YEAR, "quarter": QUARTER, "expected_version": submitted}
    results = race(
        lambda: reports.decide(viewer=VERIFIER, outcome="approved", **common),
        lambda: reports.decide(viewer=other, outcome="returned", note="Cek lagi", **common),
    )
    won = [r for r in results if isinstance(r, int)]
    lost = [r for r in results if isinstance(r, reports.StaleSubmission)]
    assert len(won) == 1 and len(lost) == 1, results
    assert "sudah diubah oleh verifikator" in str(lost[0])
    history = report_reads.submission_history(viewer=STAFF, partner_id=1, year=YEAR, quarter=1)
    assert (
        history["to_status"].tolist().count("approved")
        + history["to_status"].tolist().count("returned")
        == 1
    )
    decisions = audit.audit_entries(viewer=ADMIN)
    decided = decisions[decisions["action"].isin(["report_approved", "report_returned"])]
    assert len(decided) == 1


@pytest.mark.parametrize("who", ["admins", "one partner's two sessions"])
def test_overlapping_event_imports_at_once_give_the_union_once(database_url, who):
    region = int(partners().set_index("id").loc[1, "region_id"])
    villages = [village_of(region, n) for n in range(6)]
    first = [event(1, v) for v in villages[:4]]
    second = [event(1, v) for v in villages[2:]]  # two events in common
    viewers = (
        (ADMIN, Viewer("admin", username="admin-2"))
        if who == "admins"
        else (operator(1), operator(1))
    )
    results = race(
        *[
            lambda v=v, rows=rows: imports.apply(
                viewer=v, kind="sosialisasi", records=rows, file_name="s.csv", file_bytes=b"s"
            )
            for v, rows in zip(viewers, (first, second), strict=True)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(len(r.added) for r in results) == 6
    E = m.SocializationEvent
    with get_engine().connect() as conn:
        stored = conn.execute(
            sa.select(sa.func.count()).select_from(E).where(E.partner_id == 1, E.year == YEAR)
        ).scalar_one()
    assert stored == 6


def test_the_second_verifier_of_an_assessment_is_told_it_changed(database_url):
    """The loser of two verifiers, whichever state the winner left: told who changed it,
    never that the assessment is not waiting for a verifier."""
    from core.assessment.instrument import load_instrument
    from data_access.assessment import assessment as a

    overview = a.assessment_overview(viewer=STAFF, year=2025)
    row = overview[overview["code"] == "33.24"].iloc[0]
    pid, seen = int(row["partner_id"]), int(row["version"])
    accepted = {code: a.Review(level=None, note="") for code in load_instrument().codes}
    common = {"partner_id": pid, "year": 2025, "reviews": accepted, "expected_version": seen}
    a.review(viewer=VERIFIER, outcome="approved", **common)
    other = Viewer("verifikator", username="verifikator-2")
    with pytest.raises(a.StaleRecord, match="sudah diubah oleh"):
        a.review(viewer=other, outcome="returned", note="Lengkapi bukti", **common)


def test_two_verifiers_deciding_one_assessment_at_once_one_wins(database_url):
    """Kab. Kendal's 2025 self-assessment waits for a verifier in the demo data."""
    from core.assessment.instrument import load_instrument
    from data_access.assessment import assessment as a

    overview = a.assessment_overview(viewer=STAFF, year=2025)
    row = overview[overview["code"] == "33.24"].iloc[0]
    pid, seen = int(row["partner_id"]), int(row["version"])
    accepted = {code: a.Review(level=None, note="") for code in load_instrument().codes}
    other = Viewer("verifikator", username="verifikator-2")
    common = {"partner_id": pid, "year": 2025, "reviews": accepted, "expected_version": seen}
    results = race(
        lambda: a.review(viewer=VERIFIER, outcome="approved", **common),
        lambda: a.review(viewer=other, outcome="returned", note="Lengkapi bukti", **common),
    )
    won = [r for r in results if isinstance(r, int)]
    lost = [r for r in results if isinstance(r, a.StaleRecord)]
    assert len(won) == 1 and len(lost) == 1, results
    decided = audit.audit_entries(viewer=ADMIN)
    decisions = decided[
        decided["action"].isin(["approved", "returned"]) & (decided["entity"] == "assessment")
    ]
    assert len(decisions) == 1  # the loser left no audit row
    status = a.assessment_overview(viewer=STAFF, year=2025)
    assert status.loc[status["code"] == "33.24", "status"].iloc[0] in ("approved", "returned")
