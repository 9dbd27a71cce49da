"""Partners' quarterly reports: a partner's upload goes into its draft; figures count once
submitted (with a badge) and are final once approved; returned and reopened reports leave the
figures; approved quarters are locked; the history stays; every change is audited."""

import pytest

from core.imports.importing import KINDS, check, read_table
from data_access.figures import budget, socialization
from data_access.imports import imports
from data_access.reporting import report_reads, submissions
from data_access.store import audit
from data_access.store.access import AccessDenied, Viewer
from tests.apptest import open_page, partner_account, start, texts
from tests.viewers import ADMIN, STAFF, VERIFIER

# Partners report TW I 2026 here: the day is in the window where that report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")


OPERATOR = Viewer("mitra", 16, "mitra-7104")  # Kab. Kepulauan Talaud
BUDGET = (
    b"kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    b'71.04,2026,1,APBD,"Rp400.000.000","Rp90.000.000",40\n'
)


def upload(viewer=OPERATOR, data=BUDGET):
    headers, rows = read_table("anggaran.csv", data)
    result = check(KINDS["anggaran"], headers, rows, imports.lookups(viewer=viewer))
    assert result.ok, result.problems
    return imports.apply(
        viewer=viewer, kind="anggaran", records=result.records, file_name="a.csv", file_bytes=data
    )


def talaud(verified_only=False):
    frame = budget.budget_by_partner(
        viewer=STAFF, year=2026, quarter=1, verified_only=verified_only
    )
    return int(frame.set_index("code").loc["71.04", "pagu_rp"])


def state():
    rows = report_reads.submission_overview(viewer=STAFF, year=2026)
    row = rows[(rows["code"] == "71.04") & (rows["quarter"] == 1)].iloc[0]
    return row["status"], int(row["version"])


def unverified():
    return report_reads.unverified_reports(viewer=STAFF, year=2026, quarter=1)


# The nine TW IV 2025 reports waiting in the demo data are in every figure of TW I 2026 that
# reaches back (cumulative coverage, last year's outcomes, the trend): the badge counts them.
WAITING_BEFORE = 9


def test_a_report_counts_once_submitted_and_is_final_once_approved(database_url):
    assert unverified() == WAITING_BEFORE
    upload()
    assert state() == ("draft", 1)
    assert talaud() == 0  # a draft is not in the figures
    version = submissions.submit(
        viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=1
    )
    assert talaud() == 400_000_000 and talaud(verified_only=True) == 0
    assert unverified() == WAITING_BEFORE + 1
    changed = BUDGET.replace(b"90.000.000", b"95.000.000")
    with pytest.raises(imports.ImportRefused, match="sedang diverifikasi"):
        upload(data=changed)
    version = submissions.decide(
        viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=version,
        outcome="approved",
    )  # fmt: skip
    assert talaud(verified_only=True) == 400_000_000 and unverified() == WAITING_BEFORE
    with pytest.raises(imports.ImportRefused, match="sudah disetujui dan terkunci"):
        upload(data=changed)
    with pytest.raises(submissions.SubmissionError, match="alasan"):
        submissions.reopen(
            viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=version,
            reason=" ",
        )  # fmt: skip
    submissions.reopen(
        viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=version,
        reason="Realisasi salah ketik",
    )  # fmt: skip
    # While the correction is a draft, the approved figures keep counting in both modes.
    assert state()[0] == "draft"
    assert talaud() == 400_000_000 and talaud(verified_only=True) == 400_000_000
    upload(data=BUDGET.replace(b"400.000.000", b"380.000.000"))
    assert talaud() == 400_000_000 and talaud(verified_only=True) == 400_000_000
    version = state()[1]
    version = submissions.submit(
        viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=version
    )
    # Submitted: the correction counts by default; approved-only keeps the approved figures.
    assert talaud() == 380_000_000 and talaud(verified_only=True) == 400_000_000
    submissions.decide(
        viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=version,
        outcome="approved",
    )  # fmt: skip
    assert talaud() == 380_000_000 and talaud(verified_only=True) == 380_000_000
    history = report_reads.submission_history(viewer=STAFF, partner_id=16, year=2026, quarter=1)
    steps = ["draft", "submitted", "approved", "draft", "submitted", "approved"]
    assert history["to_status"].tolist() == steps
    assert history["note"].iloc[3] == "Realisasi salah ketik"
    actions = set(audit.audit_entries(viewer=ADMIN)["action"])
    assert {"import", "report_submitted", "report_approved", "report_draft"} <= actions


def test_returned_reports_leave_the_figures_and_need_a_note(database_url):
    upload()
    version = submissions.submit(
        viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=1
    )
    with pytest.raises(submissions.SubmissionError, match="catatan"):
        submissions.decide(
            viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=version,
            outcome="returned",
        )  # fmt: skip
    submissions.decide(
        viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=version,
        outcome="returned", note="Pagu tidak sesuai DPA",
    )  # fmt: skip
    assert talaud() == 0 and state()[0] == "returned"
    upload(data=BUDGET.replace(b"400.000.000", b"450.000.000"))  # the partner corrects it
    assert state() == ("returned", 4)


def test_socialization_of_a_draft_is_left_out_of_coverage(database_url):
    villages = socialization.village_codes(viewer=STAFF, partner_id=16)["code"]
    data = (
        "kode_mitra,tahun,triwulan,kode_desa,tanggal,topik,peserta_laki_laki,peserta_perempuan\n"
        f"71.04,2026,1,{villages.iloc[0]},10/02/2026,MIGRASI_AMAN,20,25\n"
    ).encode()
    headers, rows = read_table("s.csv", data)
    result = check(KINDS["sosialisasi"], headers, rows, imports.lookups(viewer=OPERATOR))
    imports.apply(
        viewer=OPERATOR, kind="sosialisasi", records=result.records, file_name="s.csv",
        file_bytes=data,
    )  # fmt: skip

    def reached(verified_only=False):
        frame = socialization.coverage_by_partner(
            viewer=STAFF, year=2026, quarter=1, verified_only=verified_only
        )
        return int(frame.set_index("code").loc["71.04", "reached_period"])

    assert reached() == 0
    submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=1)
    assert reached() == 1 and reached(verified_only=True) == 0


def test_who_may_do_what(database_url):
    upload()
    other = Viewer("mitra", 1, "mitra-3212")
    with pytest.raises(AccessDenied):
        submissions.submit(viewer=other, partner_id=16, year=2026, quarter=1, expected_version=1)
    with pytest.raises(AccessDenied):
        submissions.submit(viewer=STAFF, partner_id=16, year=2026, quarter=1, expected_version=1)
    version = submissions.submit(
        viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=1
    )
    for viewer in (OPERATOR, STAFF):
        with pytest.raises(AccessDenied):
            submissions.decide(
                viewer=viewer, partner_id=16, year=2026, quarter=1, expected_version=version,
                outcome="approved",
            )  # fmt: skip
    with pytest.raises(submissions.StaleSubmission):
        submissions.decide(
            viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=1,
            outcome="approved",
        )  # fmt: skip
    with pytest.raises(AccessDenied):
        headers, rows = read_table("a.csv", BUDGET)
        imports.apply(
            viewer=other, kind="anggaran",
            records=check(KINDS["anggaran"], headers, rows, imports.lookups(viewer=ADMIN)).records,
            file_name="a.csv", file_bytes=BUDGET,
        )  # fmt: skip


def test_an_empty_quarter_cannot_be_submitted(database_url):
    with submissions.get_engine().begin() as conn:
        submissions.open_draft(conn, OPERATOR, 16, 2026, 2)
    with pytest.raises(submissions.SubmissionError, match="Belum ada data"):
        submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=2, expected_version=1)


def test_pages_show_the_badge_and_the_report_flow(database_url):
    upload()
    submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=1)
    at = start(year=2026, quarter=1)
    badge = f"Termasuk {WAITING_BEFORE + 1} laporan diajukan yang belum disetujui"
    assert badge in texts(at)  # the badge
    assert "Semua data sudah disetujui" in texts(start(year=2023, quarter=4))
    verifier = open_page(start("verifikator", year=2026, quarter=1), "pages/pelaporan.py")
    assert not verifier.exception
    verifier.text_area(key="w_report_note").input("Sesuai DPA")
    verifier.button(key="w_report_approve").click().run()
    assert "Laporan disetujui dan kini terkunci." in texts(verifier)
    assert state()[0] == "approved"
    partner = open_page(
        start(None, account=partner_account("mitra-7104", 16), year=2026, quarter=1),
        "pages/pelaporan.py",
    )
    assert not partner.exception
    assert "Laporan ini sudah disetujui dan terkunci." in texts(partner)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        start("pimpinan").switch_page("pages/pelaporan.py")


def test_rows_typed_into_the_table_go_through_the_same_checks(database_url):
    import pandas as pd

    from ui.imports.importer import rows_from_table

    columns = [c.name for c in KINDS["anggaran"].columns]
    typed = pd.DataFrame(
        [
            ["71.04", "2026", "1", "APBD", "Rp400.000.000", "90 juta", "40"],
            [None, None, None, None, None, None, None],
            ["71.04", "2026", "1", "APBN", "-5", "0", "1"],
        ],
        columns=columns,
        dtype="string",
    )
    rows = rows_from_table(typed, columns)
    assert [n for n, _ in rows] == [2, 4]
    result = check(KINDS["anggaran"], columns, rows, imports.lookups(viewer=OPERATOR))
    assert [(p.row, p.column) for p in result.problems] == [(4, "pagu")]
    assert result.records[0]["realisasi_rp"] == 90_000_000


def test_a_partner_can_report_for_the_current_year_before_it_holds_data(database_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-05-02")
    at = open_page(start(None, account=partner_account("mitra-7104", 16)), "pages/pelaporan.py")
    assert "2026" in at.selectbox(key="w_report_year").options  # shown as text
    at.selectbox(key="w_report_year").set_value(2026).run()
    at.selectbox(key="w_report_quarter").set_value(1).run()
    assert not at.exception
    assert "Belum ada laporan" in texts(at)


def test_a_partner_opens_on_the_report_that_is_due(database_url, monkeypatch):
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-10-20")  # TW III 2026 was due on 15 October
    at = open_page(start(None, account=partner_account("mitra-7104", 16)), "pages/pelaporan.py")
    assert not at.exception
    assert at.selectbox(key="w_report_year").value == 2026
    assert at.selectbox(key="w_report_quarter").value == 3
    assert "Laporan yang jatuh tempo: TW III 2026, tenggat 15 Oktober 2026 (terlambat 5 hari)" in (
        texts(at)
    )
    at.selectbox(key="w_report_year").set_value(2025).run()
    labels = [at.selectbox(key="w_report_quarter").format_func(q) for q in (1, 4)]
    assert labels == ["TW I 2025", "TW IV 2025"]  # the quarter box follows the year
