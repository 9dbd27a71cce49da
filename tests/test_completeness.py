"""The completeness page: report states and timeliness, what reports hold, figures out of line
with their own history or their peers, and the verifier's confirmation of them."""

from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.figures.completeness import Rules, RulesError, grid, load_rules, outliers, parse_rules
from core.imports.importing import PARSERS
from data_access.figures import completeness
from data_access.store import audit
from data_access.store.access import AccessDenied
from tests.apptest import open_page, start, texts
from tests.viewers import ADMIN, STAFF, VERIFIER

RULES = Rules(due_days=15, outlier_ratio=3.0, min_history=2, peer_ratio=6.0)


def test_states_and_timeliness_by_hand():
    quarters = pd.DataFrame(
        {
            "partner_id": [1, 1, 1, 1, 2, 2],
            "short_name": ["A"] * 4 + ["B"] * 2,
            "partner_type": ["pemda"] * 6,
            "year": [2026] * 6,
            "quarter": [1, 2, 3, 4, 1, 2],
            "status": ["approved", "submitted", "draft", None, None, None],
            "submitted_at": [datetime(2026, 4, 10), datetime(2026, 7, 20), None, None, None, None],
            "budget": [1, 1, 1, 0, 2, 0],
            "training": [1, 0, 0, 0, 0, 0],
            "socialization": [1, 1, 0, 0, 0, 0],
        }
    )
    out = grid(quarters, RULES, today=date(2026, 8, 1))
    assert out["due_on"].tolist()[:2] == [date(2026, 4, 15), date(2026, 7, 15)]
    assert out["state"].tolist() == [
        "approved",
        "submitted",
        "draft",
        "not_due",
        "agency",
        "missing",
    ]
    assert out["timely"].tolist() == ["on_time", "late", "open", None, None, "late"]
    assert out["complete"].round(3).tolist() == [1.0, 0.667, 0.333, 0.0, 0.333, 0.0]


def test_figures_out_of_line_by_hand():
    rows = []
    for partner, kind, values in ((1, "pemda", [100, 110, 90, 400]), (2, "pemda", [50, 50, 50, 50]),
                                  (3, "pemda", [60, 60, 60, 5])):  # fmt: skip
        for year, value in zip((2022, 2023, 2024, 2025), values, strict=True):
            rows.append((partner, f"P{partner}", kind, year, 1, "events", value))
    history = pd.DataFrame(
        rows,
        columns=["partner_id", "short_name", "partner_type", "year", "quarter", "measure", "value"],
    )
    flagged = outliers(history, 2025, RULES)
    assert flagged[["partner_id", "basis"]].values.tolist() == [[1, "own"], [3, "own"]]
    assert flagged["ratio"].round(3).tolist() == [round(400 / 100, 3), round(5 / 60, 3)]


def test_demo_grid_and_flags(database_url):
    rows = completeness.report_grid(viewer=STAFF, year=2025)
    assert len(rows) == 21 * 4
    talaud = rows[(rows["code"] == "71.04") & (rows["quarter"] == 4)].iloc[0]
    assert (talaud["budget"], talaud["status"]) == (0, "approved")
    waiting = rows[rows["status"] == "submitted"]
    assert len(waiting) == 9 and set(waiting["quarter"]) == {4}
    history = completeness.figure_history(viewer=STAFF)
    assert history["value"].dtype == "int64"  # medians in numpy, not Python
    flagged = outliers(history, 2025, load_rules())
    assert flagged[["short_name", "quarter", "measure", "basis"]].values.tolist() == [
        ["Kab. Lombok Timur", 4, "realisasi_rp", "own"],  # the budget cut in mid-2025
        ["Kab. Kepulauan Talaud", 3, "events", "peers"],
    ]


def test_a_verifier_confirms_a_figure_and_leadership_cannot(database_url):
    with pytest.raises(AccessDenied):
        completeness.confirm_figure(
            viewer=STAFF, partner_id=13, year=2025, quarter=4, measure="realisasi_rp", value=1
        )
    at = open_page(start("verifikator"), "pages/kelengkapan_data.py")
    assert not at.exception
    at.selectbox(key="w_complete_year").set_value(2025).run()
    at.text_input(key="w_check_note").input("Anggaran dipotong pada APBD Perubahan")
    at.button(key="w_check_confirm").click().run()
    assert "Angka dikonfirmasi." in texts(at)
    checks = completeness.figure_checks(viewer=STAFF, year=2025)
    assert checks[["partner_id", "measure", "confirmed_by"]].values.tolist() == [
        [13, "realisasi_rp", "verifikator"]
    ]
    assert set(audit.audit_entries(viewer=ADMIN, action="confirm_figure")["actor"]) == {
        "verifikator"
    }
    completeness.confirm_figure(
        viewer=VERIFIER, partner_id=13, year=2025, quarter=4, measure="realisasi_rp",
        value=int(checks["value"].iloc[0]), note="sekali lagi",
    )  # fmt: skip
    assert len(completeness.figure_checks(viewer=STAFF, year=2025)) == 1


def test_the_page_opens_on_the_due_year_before_anyone_reported_in_it(database_url):
    """27 November 2026: TW III 2026 was due on 15 October and nobody has data in 2026."""
    at = open_page(start("pimpinan"), "pages/kelengkapan_data.py")
    assert not at.exception
    assert at.selectbox(key="w_complete_year").value == 2026
    grid_table = at.dataframe[0].value
    assert list(grid_table.columns)[1:] == ["TW I 2026", "TW II 2026", "TW III 2026", "TW IV 2026"]
    assert len(grid_table) == 21
    for quarter in ("TW I 2026", "TW II 2026", "TW III 2026"):
        assert set(grid_table[quarter]) == {"Belum lapor · terlambat"}, quarter
    assert set(grid_table["TW IV 2026"]) == {"Belum jatuh tempo"}
    assert [m.value for m in at.metric][:2] == ["63", "63"]  # 21 partners × 3 quarters late
    assert "Isi laporan TW III 2026" in texts(at)


def test_leadership_sees_the_page(database_url):
    at = open_page(start("pimpinan"), "pages/kelengkapan_data.py")
    assert not at.exception
    at.selectbox(key="w_complete_year").set_value(2025).run()
    shown = texts(at)
    assert "Laporan terlambat:" in shown and "Termasuk 9 laporan diajukan" in shown
    assert not [b for b in at.button if b.key == "w_check_confirm"]
    grid_table = at.dataframe[0].value
    assert list(grid_table.columns) == [
        "Mitra",
        "TW I 2025",
        "TW II 2025",
        "TW III 2025",
        "TW IV 2025",
    ]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"due_days": -1}, "'due_days' harus angka ≥ 0"),
        ({"outlier_ratio": "3"}, "'outlier_ratio'"),
        ({"min_history": 0}, "'min_history'"),
        ({"peer_ratio": True}, "'peer_ratio'"),
    ],
)
def test_wrong_rules_are_refused(change, where):
    data = {"due_days": 15, "outlier_ratio": 3.0, "min_history": 2, "peer_ratio": 6.0} | change
    with pytest.raises(RulesError, match=where):
        parse_rules(data)


@given(
    st.one_of(
        st.none(), st.text(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.dates()
    )
)
def test_no_cell_parser_of_the_import_raises(raw):
    for parser in PARSERS.values():
        result = parser(raw)
        assert result.ok or (isinstance(result.error, str) and result.error)
