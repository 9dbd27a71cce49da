"""What a quarterly report holds, as the operator sees it before sending and the verifier
before deciding: the rows per kind, the totals beside the partner's other quarters, and the
points to look at; every figure against a plain computation from the source rows."""

import math
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core.imports.importing import KINDS, check, read_table
from core.reporting.report_review import comparison, flags
from data_access.figures import outcomes
from data_access.imports import imports
from data_access.reporting import report_figures, submissions
from data_access.store.access import AccessDenied, Viewer
from tests import oracle
from tests.apptest import open_page, partner_account, start, texts
from tests.viewers import STAFF

# Partners report TW I 2026 here: the day is in the window where that report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")


OPERATOR = Viewer("mitra", 16, "mitra-7104")  # Kab. Kepulauan Talaud
BUDGET = (
    b"kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    b'71.04,2026,1,APBD,"Rp400.000.000","Rp90.000.000",40\n'
)


def upload(data=BUDGET, kind="anggaran"):
    headers, rows = read_table("berkas.csv", data)
    result = check(KINDS[kind], headers, rows, imports.lookups(viewer=OPERATOR))
    assert result.ok, result.problems
    imports.apply(
        viewer=OPERATOR, kind=kind, records=result.records, file_name="b.csv", file_bytes=data
    )


def totals_from_source(code: str, years: tuple[int, int]) -> pd.DataFrame:
    """report_totals computed from the demo CSVs: every demo report is approved or
    submitted, so every row counts and each report's current version is its CSV rows."""
    b = oracle.csv("training_budgets")
    c = oracle.csv("training_cohorts")
    e = oracle.csv("socialization_events").copy()
    held = pd.to_datetime(e["held_on"])
    e["year"], e["quarter"] = held.dt.year, (held.dt.month - 1) // 3 + 1
    rows = []
    for year in years:
        for quarter in (1, 2, 3, 4):

            def mine(f, y=year, q=quarter):
                return f[(f["partner_code"] == code) & (f["year"] == y) & (f["quarter"] == q)]

            bq, cq, eq = mine(b), mine(c), mine(e)
            if bq.empty and cq.empty and eq.empty:
                continue
            rows.append(
                {
                    "year": year,
                    "quarter": quarter,
                    "budget_rows": len(bq),
                    "pagu_rp": int(bq["pagu_rp"].sum()),
                    "realisasi_rp": int(bq["realisasi_rp"].sum()),
                    "cohorts": len(cq),
                    "registered": int(cq["registered"].sum()),
                    "graduated": int(cq["graduated"].sum()),
                    "events": len(eq),
                    "participants": int(
                        (eq["participants_male"] + eq["participants_female"]).sum()
                    ),
                    "villages": int(eq["village_code"].nunique()),
                }
            )
    return pd.DataFrame(rows).astype("int64")


@pytest.mark.parametrize(("partner_id", "code"), [(2, "32.09"), (16, "71.04"), (17, "UBI")])
def test_report_totals_match_the_source_rows(database_url, partner_id, code):
    got = report_figures.report_totals(viewer=STAFF, partner_id=partner_id, year=2025, quarter=4)
    assert_frame_equal(got, totals_from_source(code, (2024, 2025)))


def test_report_rows_list_what_the_report_holds(database_url):
    rows = report_figures.report_rows(viewer=STAFF, partner_id=2, year=2025, quarter=4)
    b = oracle.csv("training_budgets")
    b = b[(b["partner_code"] == "32.09") & (b["year"] == 2025) & (b["quarter"] == 4)]
    expected = b[report_figures.BUDGET].sort_values("fund_source").reset_index(drop=True)
    assert_frame_equal(rows["budget"], expected, check_dtype=False)
    e = oracle.csv("socialization_events")
    e = e[(e["partner_code"] == "32.09") & e["held_on"].between("2025-10-01", "2025-12-31")]
    assert len(rows["socialization"]) == len(e)
    assert rows["socialization"]["participants_female"].sum() == e["participants_female"].sum()
    o = oracle.outcomes(2025).loc["32.09"]
    # The demo partners publish no yearly participants, trainees or spending.
    published = [c for c in report_figures.OUTCOME if c not in outcomes.YEARLY]
    assert rows["outcome"].iloc[0][published].to_dict() == {c: o[c] for c in published}
    assert rows["outcome"].iloc[0][outcomes.YEARLY].isna().all()
    assert report_figures.report_rows(viewer=STAFF, partner_id=2, year=2025, quarter=3)[
        "outcome"
    ].empty  # the yearly outcomes go with TW IV


def test_a_draft_shows_its_own_rows_while_the_pages_keep_the_published_ones(database_url):
    upload()
    rows = report_figures.report_rows(viewer=OPERATOR, partner_id=16, year=2026, quarter=1)
    assert rows["budget"].to_dict("records") == [
        {"fund_source": "APBD", "pagu_rp": 400_000_000, "realisasi_rp": 90_000_000,
         "target_trainees": 40}
    ]  # fmt: skip
    totals = report_figures.report_totals(viewer=OPERATOR, partner_id=16, year=2026, quarter=1)
    now = totals[(totals["year"] == 2026) & (totals["quarter"] == 1)].iloc[0]
    assert (now["pagu_rp"], now["realisasi_rp"], now["budget_rows"]) == (400_000_000, 90_000_000, 1)
    with pytest.raises(AccessDenied):
        report_figures.report_rows(viewer=OPERATOR, partner_id=1, year=2026, quarter=1)


def test_the_comparison_reads_a_missing_quarter_as_nothing_not_zero():
    totals = pd.DataFrame(
        [
            # year, quarter, budget_rows, pagu, realisasi, cohorts, registered, graduated,
            # events, participants, villages
            [2025, 1, 2, 400, 20, 1, 10, 8, 4, 100, 3],
            [2025, 3, 2, 400, 60, 1, 10, 9, 5, 120, 4],  # TW II never reported
            [2026, 1, 1, 500, 100, 2, 30, 27, 0, 0, 0],
        ],
        columns=report_figures.TOTALS,
    )
    got = comparison(totals, 2026, 1).set_index("measure")
    assert math.isnan(got.loc["realisasi_rp", "previous"])  # TW IV 2025: nothing reported
    assert got.loc["realisasi_rp", "last_year"] == 20
    assert got.loc["realisasi_rp", "last_year_change"] == pytest.approx(4.0)
    assert got.loc["serapan", "current"] == pytest.approx(0.2)
    assert got.loc["serapan", "last_year_change"] == pytest.approx(0.2 - 0.05)
    # No socialization row in TW I 2026: not reported, so no change to show (not -100%).
    assert math.isnan(got.loc["events", "current"])
    assert math.isnan(got.loc["events", "last_year_change"])
    # TW III 2025 against TW II (missing): realisasi through TW III counts TW I and III.
    third = comparison(totals, 2025, 3).set_index("measure")
    assert third.loc["serapan", "current"] == pytest.approx(80 / 400)
    assert math.isnan(third.loc["serapan", "previous"])


def test_flags_name_what_to_look_at():
    totals = pd.DataFrame(
        [[2025, 1, 1, 100, 10, 1, 10, 10, 2, 50, 2], [2026, 1, 1, 100, 120, 0, 0, 0, 2, 5, 2]],
        columns=report_figures.TOTALS,
    )
    compared = comparison(totals, 2026, 1)
    held = {"budget": 1, "training": 0, "socialization": 2}
    got = flags(compared, held, ratio=3.0, due=date(2026, 4, 15), submitted=date(2026, 4, 20))
    kinds = [(p["flag"], p.get("kind") or p.get("measure")) for p in got]
    assert kinds == [
        ("empty", "training"),
        ("over_ceiling", None),
        ("jump", "realisasi_rp"),
        ("jump", "participants"),
        ("late", None),
    ]
    assert got[2]["factor"] == pytest.approx(12) and got[2]["up"]
    assert got[3]["factor"] == pytest.approx(10) and not got[3]["up"]
    assert got[4]["days"] == 5
    on_time = flags(compared, held, ratio=3.0, due=date(2026, 4, 15), submitted=None)
    assert "late" not in [p["flag"] for p in on_time]


def shown_table(at, column: str) -> pd.DataFrame:
    """The first table on the page with `column` (read-only tables carry no key here)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_operator_sees_the_draft_rows_before_and_after_sending(database_url):
    upload()
    account = partner_account("mitra-7104", 16)
    at = open_page(start(None, account=account, year=2026, quarter=1), "pages/pelaporan.py")
    assert not at.exception
    assert "Anggaran (1 baris)" in [tab.label for tab in at.tabs]
    budget = shown_table(at, "Sumber dana")
    assert budget.iloc[0].tolist() == ["APBD", "Rp400.000.000", "Rp90.000.000", "40"]
    shown = texts(at)
    assert "Rp400 juta" in shown and "24,2%" not in shown
    assert "Serapan s.d. TW I" in [m.label for m in at.metric]
    assert [m.value for m in at.metric][:3] == ["Rp400 juta", "Rp90 juta", "22,5%"]
    at.button(key="w_report_submit").click().run()
    assert "Laporan terkirim untuk verifikasi." in texts(at)
    assert shown_table(at, "Sumber dana").iloc[0, 1] == "Rp400.000.000"


def test_the_verifier_decides_with_the_figures_and_the_changes_in_view(database_url):
    upload()
    submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=1)
    at = open_page(start("verifikator", year=2026, quarter=1), "pages/pelaporan.py")
    assert not at.exception
    at.selectbox(key="w_report_choose").set_value((16, 1)).run()
    compared = shown_table(at, "Ukuran").set_index("Ukuran")
    # TW I 2025 from the source rows: pagu 316 + 56 juta, realisasi 15 + 2,6 juta.
    row = compared.loc["Realisasi dalam triwulan"]
    assert row.tolist() == ["Rp90 juta", "–", "Rp17,6 juta (+411,4%)"]
    assert compared.loc["Pagu", "TW I 2025"] == "Rp372 juta (+7,5%)"
    warnings = [w.value for w in at.warning]
    assert "Realisasi dalam triwulan 5,1 kali lipat dibanding TW I 2025." in warnings
    assert "Tidak ada data pelatihan dalam laporan ini." in warnings
    assert at.button(key="w_report_approve")  # the decision follows the figures
