"""A report that is open never changes a leadership figure: the published figures of its
quarter keep counting until the new version is submitted (default) or approved (approved
only), and a returned version falls back to them."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core.imports.importing import KINDS, check, read_table
from data_access.figures import budget, outcomes, scorecard, socialization
from data_access.imports import imports
from data_access.reporting import report_figures, report_reads
from data_access.reporting import submissions as reports
from data_access.store.access import Viewer
from tests.viewers import ADMIN, STAFF, VERIFIER

# Partners report TW I 2026 here: the day is in the window where that report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")


OPERATOR = Viewer("mitra", 1, "mitra-3212")  # Kab. Indramayu; its TW IV 2025 is approved
PERIOD = {"partner_id": 1, "year": 2025, "quarter": 4}


def figures(verified_only: bool) -> dict[str, pd.DataFrame]:
    """Every leadership read that a report's figures reach, for one mode."""
    mode = {"viewer": STAFF, "verified_only": verified_only}
    inputs = scorecard.scorecard_inputs(year=2025, quarter=4, **mode)
    return {
        **inputs,
        "trend": budget.budget_by_quarter(**mode),
        "sources": budget.budget_by_source(year=2025, quarter=4, **mode),
        "outcomes": outcomes.outcomes_by_partner(years=(2025,), **mode),
        "events": socialization.events_by_quarter(**mode),
        "topics": socialization.events_by_topic(year=2025, quarter=4, **mode),
    }


def same(a: dict, b: dict) -> bool:
    """Whether every figure is the same (a report's state is not a figure)."""
    for key in a:
        left, right = (f[key].drop(columns="awaiting_approval", errors="ignore") for f in (a, b))
        try:
            assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))
        except AssertionError:
            return False
    return True


def version() -> int:
    rows = report_reads.submission_overview(viewer=STAFF, year=2025)
    return int(rows[(rows["partner_id"] == 1) & (rows["quarter"] == 4)]["version"].iloc[0])


def send(kind: str, text: str, viewer: Viewer = OPERATOR) -> None:
    headers, rows = read_table("f.csv", text.encode())
    result = check(KINDS[kind], headers, rows, imports.lookups(viewer=viewer))
    assert result.ok, result.problems
    imports.apply(
        viewer=viewer,
        kind=kind,
        records=result.records,
        file_name="f.csv",
        file_bytes=text.encode(),
        warnings=len(result.warnings),
        confirmed=True,
    )


def correct_the_report() -> None:
    """The operator changes its budget, adds an event and changes its yearly outcomes."""
    village = socialization.village_codes(viewer=STAFF, partner_id=1)["code"].iloc[0]
    send(
        "anggaran",
        "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
        "32.12,2025,4,APBD,Rp9.000.000.000,Rp1.000.000.000,999\n",
    )
    send(
        "sosialisasi",
        "kode_mitra,tahun,triwulan,kode_desa,tanggal,topik,peserta_laki_laki,peserta_perempuan\n"
        f"32.12,2025,4,{village},15/11/2025,MIGRASI_AMAN,30,40\n",
    )
    send("luaran", "kode_mitra,tahun,penempatan\n32.12,2025,1\n")


def test_a_reopened_report_changes_nothing_until_submitted_and_approved(database_url):
    before = {mode: figures(mode) for mode in (False, True)}
    reports.reopen(viewer=VERIFIER, **PERIOD, expected_version=version(), reason="Koreksi")
    assert same(figures(False), before[False]) and same(figures(True), before[True])
    correct_the_report()
    contents = report_figures.report_rows(viewer=STAFF, **PERIOD)["budget"]
    assert contents["pagu_rp"].sum() >= 9_000_000_000  # the draft holds the correction
    assert same(figures(False), before[False]) and same(figures(True), before[True])

    reports.submit(viewer=OPERATOR, **PERIOD, expected_version=version())
    submitted = figures(False)
    assert not same(submitted, before[False])  # submitted: counted by default
    assert same(figures(True), before[True])  # not yet with approved figures only
    budget_now = submitted["budget"].set_index("partner_id").loc[1]
    assert budget_now["pagu_rp"] >= 9_000_000_000

    reports.decide(
        viewer=VERIFIER, **PERIOD, expected_version=version(), outcome="returned", note="Cek"
    )
    assert same(figures(False), before[False]) and same(figures(True), before[True])

    reports.submit(viewer=OPERATOR, **PERIOD, expected_version=version())
    reports.decide(viewer=VERIFIER, **PERIOD, expected_version=version(), outcome="approved")
    approved = figures(True)
    # Approval changes nothing by default (it counted since submitted); approved-only now
    # counts it (the other partners' reports waiting for verification still differ).
    assert same(figures(False), submitted) and not same(approved, before[True])
    assert approved["budget"].set_index("partner_id").loc[1, "pagu_rp"] >= 9_000_000_000
    placements = approved["outcomes"].set_index("partner_id").loc[1, "placements"]
    assert placements == 1


def test_a_new_draft_over_agency_data_keeps_the_agency_figures(database_url):
    """A partner's first report of a quarter the agency already filled starts from those
    figures and hides none of them while it is a draft."""
    header = "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    send("anggaran", header + "32.12,2026,1,APBD,Rp1.000.000.000,Rp100.000.000,50\n", ADMIN)
    mode = {"viewer": STAFF, "year": 2026, "quarter": 1}
    agency = budget.budget_by_partner(**mode)
    send("anggaran", header + "32.12,2026,1,APBD,Rp1.500.000.000,Rp200.000.000,60\n")
    assert_frame_equal(budget.budget_by_partner(**mode), agency)
    assert_frame_equal(budget.budget_by_partner(**mode, verified_only=True), agency)
    held = report_figures.report_totals(viewer=STAFF, partner_id=1, year=2026, quarter=1)
    now = held[(held["year"] == 2026) & (held["quarter"] == 1)].iloc[0]
    assert now["pagu_rp"] == 1_500_000_000 and now["budget_rows"] == 1


def test_the_agency_does_not_write_into_a_report_under_review(database_url):
    import pytest

    header = "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    # Kab. Cirebon's TW IV 2025 report waits for the verifier in the demo data.
    with pytest.raises(imports.ImportRefused, match="Kab. Cirebon TW IV 2025"):
        send("anggaran", header + "32.09,2025,4,APBD,Rp1.000.000.000,Rp0,50\n", ADMIN)


def test_a_partner_cannot_write_the_agencys_history(database_url):
    """A row for an old period in a partner's upload is refused with its row and the open
    periods named; nothing is written and the agency's 2022 figures stay as they are."""
    import pytest

    before = budget.budget_by_partner(viewer=STAFF, year=2022, quarter=1)
    header = "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    text = header + "32.12,2026,1,APBD,Rp1.000.000,Rp0,1\n32.12,2022,1,APBD,Rp5,Rp1,1\n"
    headers, rows = read_table("f.csv", text.encode())
    result = check(KINDS["anggaran"], headers, rows, imports.lookups(viewer=OPERATOR))
    work = imports.preview(viewer=OPERATOR, kind="anggaran", records=result.records)
    assert [(p.row, p.value) for p in work.problems] == [(3, "TW I 2022")]
    assert "TW I 2026" in work.problems[0].right
    with pytest.raises(imports.ImportRefused, match="tidak terbuka"):
        send("anggaran", text)
    assert_frame_equal(budget.budget_by_partner(viewer=STAFF, year=2022, quarter=1), before)
    rows = report_reads.submission_overview(viewer=STAFF, year=2022)
    assert rows[rows["partner_id"] == 1]["status"].isna().all() or rows.empty


def test_an_agency_import_racing_a_partners_first_upload_is_never_lost(database_url):
    """The agency imports a row of a quarter at the moment the partner's first upload opens
    its report there: either the agency's write comes first and the report's copy holds
    it, or the report comes first and the agency is told the report is open. Never a
    draft without the agency's row, which approval would then drop (50 runs)."""
    import sqlalchemy as sa

    from data_access.store.db import get_engine
    from tests.test_concurrency import race

    header = "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    agency = header + "32.12,2026,1,APBN,Rp700.000.000,Rp70.000.000,20\n"
    own = header + "32.12,2026,1,APBD,Rp1.500.000.000,Rp200.000.000,60\n"
    outcomes_seen = set()
    for run in range(50):
        results = race(lambda: send("anggaran", agency, ADMIN), lambda: send("anggaran", own))
        assert not isinstance(results[1], Exception), (run, results)
        refused = isinstance(results[0], imports.ImportRefused)
        assert refused or results[0] is None, (run, results)
        with get_engine().connect() as conn:
            draft = conn.execute(sa.text(
                "SELECT fund_source FROM training_budget WHERE partner_id = 1 AND year = 2026 "
                "AND quarter = 1 AND layer = 1 ORDER BY fund_source"
            )).scalars().all()  # fmt: skip
        assert draft == (["APBD"] if refused else ["APBD", "APBN"]), (run, results)
        outcomes_seen.add(refused)
        with get_engine().begin() as conn:  # the quarter as it was, for the next run
            conn.execute(sa.text(
                "DELETE FROM submission_event WHERE submission_id IN (SELECT id FROM submission "
                "WHERE partner_id = 1 AND year = 2026 AND quarter = 1)"
            ))  # fmt: skip
            conn.execute(sa.text(
                "DELETE FROM submission WHERE partner_id = 1 AND year = 2026 AND quarter = 1"
            ))  # fmt: skip
            conn.execute(sa.text(
                "DELETE FROM training_budget WHERE partner_id = 1 AND year = 2026 AND quarter = 1"
            ))  # fmt: skip
    assert outcomes_seen  # both orders may happen; each kept every row it should
