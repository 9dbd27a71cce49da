"""Totals recomputed from sums, and who is furthest behind."""

import pandas as pd
import pytest

from core.figures.scoring import parse_config
from core.figures.summary import NOTHING_BEHIND, furthest_behind, totals, weakest_indicator
from tests.test_scoring import CONFIG


def test_totals_recompute_ratios_from_sums():
    frame = pd.DataFrame(
        {
            "pagu_rp": [100, 300],
            "realisasi_rp": [50, 250],
            "graduated": [5, 15],
            "target_trainees": [10, 10],
            "villages_total": [10, 0],
            "reached_cumulative": [4, 0],
            "reached_period": [2, 0],
        }
    )
    out = totals(frame)
    assert out["serapan"] == 0.75  # 300/400, not the mean of 50% and 83%
    assert out["capaian_peserta"] == 1.0
    assert out["cakupan_kumulatif"] == 0.4
    assert out["partners"] == 2 and out["events"] == 0


def test_totals_of_nothing_are_zero_and_missing_ratios():
    out = totals(pd.DataFrame({"pagu_rp": [], "realisasi_rp": []}))
    assert out["pagu_rp"] == 0 and pd.isna(out["serapan"])


def test_furthest_behind_per_group_with_weakest_indicator():
    config = parse_config(CONFIG)
    scored = pd.DataFrame(
        {
            "short_name": ["A", "B", "C", "D"],
            "partner_type": ["pemda", "pemda", "pemda", "lembaga_pendidikan"],
            "indeks": [90.0, 40.0, 60.0, 20.0],
            "band_indeks": ["hijau", "merah", "kuning", "merah"],
            "score_a": [100.0, 20.0, 80.0, 10.0],
            "score_b": [80.0, 60.0, 10.0, 0.0],
        }
    )
    out = furthest_behind(scored, config, per_group=2)
    assert out["short_name"].tolist() == ["D", "B", "C"]
    assert out["weakest"].tolist() == ["a", "a", "b"]  # D's b weighs 0 for institutions
    assert weakest_indicator(scored.iloc[0], config) == "b"


@pytest.mark.parametrize("per_group", [1, 3])
def test_furthest_behind_skips_partners_without_index(per_group):
    config = parse_config(CONFIG)
    scored = pd.DataFrame(
        {
            "short_name": ["A", "B"],
            "partner_type": ["pemda", "pemda"],
            "indeks": [float("nan"), 10.0],
            "band_indeks": [None, "merah"],
            "score_a": [None, 10.0],
            "score_b": [None, 10.0],
        }
    )
    assert furthest_behind(scored, config, per_group)["short_name"].tolist() == ["B"]


def test_a_partner_at_green_is_not_behind_and_has_no_weakest_indicator():
    config = parse_config(CONFIG)
    scored = pd.DataFrame(
        {
            "short_name": ["A", "B"],
            "partner_type": ["pemda", "pemda"],
            "indeks": [100.0, 85.0],
            "band_indeks": ["hijau", "hijau"],
            "score_a": [100.0, 100.0],
            "score_b": [100.0, 40.0],
        }
    )
    assert furthest_behind(scored, config, per_group=3).empty
    assert weakest_indicator(scored.iloc[0], config) == NOTHING_BEHIND
    assert weakest_indicator(scored.iloc[1], config) == "b"


def test_a_change_is_read_over_the_partners_with_the_figure_in_both_periods():
    from core.figures.summary import Compared, measure_change, yearly_change

    now = pd.DataFrame({"partner_id": [1, 2, 3], "registered": [10, 0, 5],
                        "graduated": [8, 0, 4]})  # fmt: skip
    before = pd.DataFrame({"partner_id": [1, 2, 3], "registered": [10, 9, 0],
                           "graduated": [6, 7, 0]})  # fmt: skip
    # Partner 2 has no trainees now (not a fall to 0), partner 3 none a year earlier.
    assert measure_change(now, before, "graduated", "registered") == Compared(12, 2, 8, 6, 1)
    outcomes = pd.DataFrame({"partner_id": [1, 2, 1], "year": [2025, 2025, 2024],
                             "placements": [100, 40, 80]})  # fmt: skip
    assert yearly_change(outcomes, "placements", 2025) == Compared(140, 2, 100, 80, 1)
    assert yearly_change(outcomes, "placements", 2026).before is None
