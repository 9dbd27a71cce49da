"""Indicator arithmetic with hand-computed expectations and edge cases."""

import math
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core.figures import indicators as ind


def test_ratio_handles_zero_and_missing():
    assert ind.ratio(3, 4) == 0.75
    assert math.isnan(ind.ratio(3, 0))
    assert math.isnan(ind.ratio(None, 4))
    series = ind.ratio(pd.Series([1, 2, 0]), pd.Series([2, 0, 5]))
    assert series.iloc[0] == 0.5 and math.isnan(series.iloc[1]) and series.iloc[2] == 0


def test_budget_indicators_hand_computed_and_zero_pagu():
    frame = pd.DataFrame(
        {
            "pagu_rp": [2_000_000_000, 0],
            "realisasi_rp": [1_454_000_000, 0],
            "target_trainees": [200, 0],
            "graduated": [150, 0],
        }
    )
    out = ind.add_budget_indicators(frame)
    assert out.loc[0, "serapan"] == pytest.approx(0.727)
    assert out.loc[0, "sisa_anggaran_rp"] == 546_000_000
    assert out.loc[0, "capaian_peserta"] == 0.75
    assert out.loc[0, "biaya_per_lulusan_rp"] == pytest.approx(1_454_000_000 / 150)
    assert out.loc[1, ["serapan", "capaian_peserta", "biaya_per_lulusan_rp"]].isna().all()


def test_coverage_with_no_villages_is_missing_not_zero():
    frame = pd.DataFrame(
        {
            "villages_total": [317, 0],
            "reached_period": [162, 0],
            "reached_cumulative": [261, 0],
            "pmi_total": [1000, 0],
            "reached_cumulative_pmi": [900, 0],
        }
    )
    out = ind.add_coverage(frame)
    assert out.loc[0, "cakupan_kumulatif"] == pytest.approx(261 / 317)
    assert out.loc[0, "cakupan_periode"] == pytest.approx(162 / 317)
    assert out.loc[0, "cakupan_tertimbang"] == 0.9
    assert out.loc[1, ["cakupan_periode", "cakupan_kumulatif", "cakupan_tertimbang"]].isna().all()


@pytest.mark.parametrize(
    ("valid_until", "renewed", "expected"),
    [
        (date(2028, 1, 1), False, "aktif"),
        (date(2027, 5, 26), False, "akan_berakhir"),  # exactly 180 days after today
        (date(2027, 5, 27), False, "aktif"),
        (date(2026, 11, 27), False, "akan_berakhir"),  # expires today
        (date(2026, 11, 26), False, "berakhir"),
        (date(2026, 3, 15), True, "diperpanjang"),
    ],
)
def test_mou_status_boundaries(valid_until, renewed, expected):
    assert ind.mou_status(valid_until, renewed, date(2026, 11, 27)) == expected


def test_add_mou_status_counts_days_left():
    frame = pd.DataFrame({"valid_until": [date(2027, 1, 19)], "renewed": [False]})
    out = ind.add_mou_status(frame, date(2026, 11, 27))
    assert out.loc[0, "status"] == "akan_berakhir" and out.loc[0, "days_left"] == 53


def test_change_absolute_and_relative():
    assert ind.change(110, 100) == (10.0, 0.1)
    absolute, relative = ind.change(5, 0)
    assert absolute == 5 and math.isnan(relative)
    assert all(math.isnan(v) for v in ind.change(None, 3))


def test_funnel_shares_of_registered():
    frame = pd.DataFrame(
        {"registered": [60, 40], "graduated": [50, 30], "certified": [40, 20], "placed": [20, 5]}
    )
    expected = pd.DataFrame(
        {
            "stage": ["registered", "graduated", "certified", "placed"],
            "people": [100, 80, 60, 25],
            "share_of_registered": [1.0, 0.8, 0.6, 0.25],
        }
    )
    assert_frame_equal(ind.funnel(frame), expected)
    empty = ind.funnel(frame.iloc[0:0])
    assert empty["people"].tolist() == [0, 0, 0, 0] and empty["share_of_registered"].isna().all()


def _partner(pid, ptype="pemda"):
    return {
        "partner_id": pid,
        "code": str(pid),
        "short_name": f"P{pid}",
        "partner_type": ptype,
        "province": "X",
    }


def test_partner_indicators_combines_the_reads():
    budget = pd.DataFrame(
        [
            {
                **_partner(1),
                "pagu_rp": 1000,
                "realisasi_rp": 800,
                "target_trainees": 10,
                "reported": True,
            },
            {
                **_partner(2, "lembaga_pendidikan"),
                "pagu_rp": 0,
                "realisasi_rp": 0,
                "target_trainees": 0,
                "reported": False,
            },
        ]
    )
    training = pd.DataFrame(
        [
            {
                **_partner(1),
                "registered": 12,
                "graduated": 8,
                "certified": 6,
                "placed": 2,
                "cost_rp": 800,
            },
            {
                **_partner(2),
                "registered": 0,
                "graduated": 0,
                "certified": 0,
                "placed": 0,
                "cost_rp": 0,
            },
        ]
    )
    coverage = pd.DataFrame(
        [
            {
                **_partner(1),
                "villages_total": 10,
                "pmi_total": 100,
                "reached_period": 3,
                "reached_cumulative": 5,
                "reached_cumulative_pmi": 80,
                "events": 4,
                "participants_male": 50,
                "participants_female": 70,
            },
            {
                **_partner(2),
                "villages_total": 0,
                "pmi_total": 0,
                "reached_period": 0,
                "reached_cumulative": 0,
                "reached_cumulative_pmi": 0,
                "events": 0,
                "participants_male": 0,
                "participants_female": 0,
            },
        ]
    )
    follow = pd.DataFrame(
        [
            {**_partner(1), "scope_code": "A", "items": 2, "done": 1, "overdue": 1},
            {**_partner(1), "scope_code": "B", "items": 2, "done": 2, "overdue": 0},
        ]
    )
    out = ind.partner_indicators(budget, training, coverage, follow).set_index("partner_id")
    assert out.loc[1, "serapan"] == 0.8
    assert out.loc[1, "capaian_peserta"] == 0.8
    assert out.loc[1, "cakupan_kumulatif"] == 0.5
    assert out.loc[1, "tindak_lanjut"] == 0.75
    assert out.loc[1, "tingkat_sertifikasi"] == 0.75
    assert out.loc[1, "tingkat_penempatan"] == 0.25
    assert out.loc[1, "biaya_per_lulusan_rp"] == 100
    keys = [
        "serapan",
        "capaian_peserta",
        "cakupan_kumulatif",
        "tindak_lanjut",
        "tingkat_sertifikasi",
        "tingkat_penempatan",
    ]
    assert out.loc[2, keys].isna().all()
