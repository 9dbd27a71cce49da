"""Bands, scores, the composite index and the scoring file's validation."""

import math
import tomllib

import pandas as pd
import pytest

from core.figures import scoring
from core.figures.scoring import ScoringConfigError, load_config, parse_config

CONFIG = {
    "index": {"green": 80, "amber": 50},
    "indicators": {
        "a": {"green": 0.8, "amber": 0.4, "weight": {"pemda": 3, "lembaga_pendidikan": 1}},
        "b": {
            "green": [0.2, 0.4, 0.6, 0.8],
            "amber": [0.1, 0.2, 0.3, 0.4],
            "weight": {"pemda": 1, "lembaga_pendidikan": 0},
        },
    },
}


def test_band_edges():
    assert scoring.band(0.8, 0.8, 0.4) == "hijau"
    assert scoring.band(0.79, 0.8, 0.4) == "kuning"
    assert scoring.band(0.4, 0.8, 0.4) == "kuning"
    assert scoring.band(0.39, 0.8, 0.4) == "merah"
    assert scoring.band(float("nan"), 0.8, 0.4) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, 0.0), (0.2, 25.0), (0.4, 50.0), (0.6, 75.0), (0.8, 100.0), (1.3, 100.0)],
)
def test_attainment_score_is_piecewise_linear(value, expected):
    assert scoring.attainment_score(value, 0.8, 0.4) == pytest.approx(expected)


def test_scorecard_hand_computed():
    config = parse_config(CONFIG)
    frame = pd.DataFrame(
        {
            "partner_id": [1, 2, 3, 4],
            "partner_type": ["pemda", "pemda", "pemda", "lembaga_pendidikan"],
            "a": [0.8, 0.6, float("nan"), 0.4],
            "b": [0.3, 0.8, 0.6, 0.9],
        }
    )
    out = scoring.scorecard(frame, config, quarter=3).set_index("partner_id")
    # partner 1: a=100 (w3), b at Q3 = 0.3 → amber edge → 50 (w1): (300+50)/4 = 87.5
    assert out.loc[1, "indeks"] == pytest.approx(87.5)
    # partner 2: a=0.6 → 75 (w3), b=0.8 ≥ 0.6 → 100 (w1): (225+100)/4 = 81.25, shown as a
    # person rounds it: a half away from zero
    assert out.loc[2, "indeks"] == pytest.approx(81.3)
    # partner 3: a missing, so b alone counts: 100
    assert out.loc[3, "indeks"] == pytest.approx(100)
    # institution: only a counts (b weighs 0): 0.4 → 50
    assert out.loc[4, "indeks"] == pytest.approx(50)
    assert out.loc[1, "band_b"] == "kuning" and out.loc[4, "band_indeks"] == "kuning"
    assert out.loc[[3, 1, 2], "peringkat"].tolist() == [1, 2, 3]
    assert out.loc[4, "peringkat"] == 1  # ranked within its own group


@pytest.mark.parametrize(
    ("a", "shown", "band"),
    [(0.79995, 100.0, "hijau"), (0.7994, 99.9, "kuning"), (0.39995, 50.0, "kuning")],
)
def test_band_follows_the_value_as_shown(a, shown, band):
    """A value that shows as the threshold carries the threshold's band, never the one below."""
    config = parse_config(CONFIG)
    frame = pd.DataFrame(
        {"partner_id": [1], "partner_type": ["lembaga_pendidikan"], "a": [a], "b": [0.0]}
    )
    out = scoring.scorecard(frame, config, quarter=1).iloc[0]
    assert out["band_a"] == band
    assert out["indeks"] == pytest.approx(shown)
    assert out["band_indeks"] == scoring.band(float(f"{out['indeks']:.1f}"), 80, 50)


def test_index_of_49_95_shows_as_50_and_is_amber():
    config = parse_config(
        {
            "index": {"green": 80, "amber": 50},
            "indicators": {
                "a": {"green": 1.0, "amber": 0.5, "weight": {"pemda": 1, "lembaga_pendidikan": 1}}
            },
        }
    )
    # 0.4995 of the way to amber scores 49.95 before rounding; shown as 50,0 it is amber.
    frame = pd.DataFrame({"partner_id": [1], "partner_type": ["pemda"], "a": [0.4995]})
    out = scoring.scorecard(frame, config, quarter=1).iloc[0]
    assert out["indeks"] == 50.0 and out["band_indeks"] == "kuning"


def test_partners_without_data_are_not_ranked():
    config = parse_config(CONFIG)
    frame = pd.DataFrame(
        {
            "partner_id": [1, 2, 3],
            "partner_type": ["pemda"] * 3,
            "a": [0.2, 0.8, 0.9],
            "b": [0.1, 0.9, 0.9],
            "has_data": [True, False, False],
        }
    )
    out = scoring.scorecard(frame, config, quarter=4).set_index("partner_id")
    assert out.loc[1, "peringkat"] == 1
    assert out.loc[[2, 3], "peringkat"].isna().all()
    assert out.loc[[2, 3], "indeks"].isna().all()
    assert out["ranked_in_group"].tolist() == [1, 1, 1]


def test_scorecard_without_any_value_has_no_index():
    config = parse_config(CONFIG)
    frame = pd.DataFrame(
        {"partner_id": [1], "partner_type": ["pemda"], "a": [float("nan")], "b": [float("nan")]}
    )
    out = scoring.scorecard(frame, config, quarter=1)
    assert math.isnan(out.loc[0, "indeks"]) and out.loc[0, "band_indeks"] is None


def test_rank_change_positive_when_moving_up():
    now = pd.DataFrame({"partner_id": [1, 2, 3], "peringkat": [1, 2, 3]})
    before = pd.DataFrame({"partner_id": [1, 2], "peringkat": [2, 1]})
    out = scoring.with_rank_change(now, before)
    assert out["perubahan_peringkat"].tolist()[:2] == [1, -1]
    assert pd.isna(out["perubahan_peringkat"].iloc[2])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c.pop("index"), "[index]"),
        (lambda c: c["indicators"]["a"].pop("weight"), "[indicators.a]"),
        (lambda c: c["indicators"]["a"].update(amber=0.9), "amber must not be above green"),
        (lambda c: c["indicators"]["b"].update(green=[0.1, 0.2]), "list of 4 numbers"),
        (lambda c: c["indicators"]["a"].update(weight={"pemda": 1}), "one weight for each"),
        (
            lambda c: c["indicators"]["a"].update(weight={"pemda": -1, "lembaga_pendidikan": 1}),
            "at least 0",
        ),
        (lambda c: c.update(indicators={}), "no indicators"),
    ],
)
def test_wrong_config_is_refused_with_where(change, message):
    import copy

    config = copy.deepcopy(CONFIG)
    change(config)
    with pytest.raises(ScoringConfigError, match=None) as info:
        parse_config(config)
    assert message in str(info.value)


def test_shipped_config_is_valid_and_documented(tmp_path):
    config = load_config()
    assert set(config.keys) == {
        "serapan",
        "capaian_peserta",
        "cakupan_kumulatif",
        "tindak_lanjut",
        "tingkat_sertifikasi",
        "tingkat_penempatan",
    }
    broken = tmp_path / "broken.toml"
    broken.write_text("[index\n")
    with pytest.raises(ScoringConfigError, match="not valid TOML"):
        load_config(broken)
    with pytest.raises(ScoringConfigError, match="cannot be read"):
        load_config(tmp_path / "missing.toml")
    assert tomllib.loads((scoring.CONFIG_PATH).read_text())["index"]["green"] == config.index_green


def test_a_rank_moves_only_against_a_ranking_of_as_many_partners():
    """First of the one partner that has reported is no climb from twelfth of sixteen."""
    now = pd.DataFrame({"partner_id": [1, 2], "peringkat": [1, 2], "ranked_in_group": [2, 2]})
    before = pd.DataFrame(
        {"partner_id": [1, 2, 3], "peringkat": [3, 1, 2], "ranked_in_group": [3, 3, 3]}
    )
    assert scoring.with_rank_change(now, before)["perubahan_peringkat"].isna().all()
    alone = pd.DataFrame({"partner_id": [1], "peringkat": [1], "ranked_in_group": [1]})
    assert pd.isna(scoring.with_rank_change(alone, before)["perubahan_peringkat"].iloc[0])
    same = before.assign(peringkat=[1, 2, 3])
    assert scoring.with_rank_change(same, before)["perubahan_peringkat"].tolist() == [2, -1, -1]
