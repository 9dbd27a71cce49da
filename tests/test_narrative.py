"""The written summary: every point's figures against figures computed by hand from the demo
CSVs, and the sentences that carry them, in both languages."""

import re
from datetime import date

import pandas as pd
import pytest

from core.figures.indicators import add_mou_status, partner_indicators
from core.figures.narrative import Inputs, key_points, sentence
from core.figures.scoring import load_config, scorecard, with_rank_change
from core.figures.summary import totals
from data_access.figures import mou
from data_access.figures import scorecard as inputs
from tests import oracle
from tests.apptest import start, texts
from tests.viewers import STAFF

TODAY = date(2026, 11, 27)


def summary(year=2025, quarter=4) -> tuple[Inputs, dict]:
    config = load_config()
    now = partner_indicators(**inputs.scorecard_inputs(viewer=STAFF, year=year, quarter=quarter))
    before = partner_indicators(
        **inputs.scorecard_inputs(viewer=STAFF, year=year - 1, quarter=quarter)
    )
    old = scorecard(before, config, quarter)
    scored = with_rank_change(scorecard(now, config, quarter), old[old["indeks"].notna()])
    mous = add_mou_status(mou.mou_registry(viewer=STAFF), TODAY)
    data = Inputs(year, quarter, totals(scored), totals(before), scored, mous, config)
    return data, {p.key: p for p in key_points(data)}


def test_budget_absorption_against_the_csvs(database_url):
    data, points = summary()
    now, before = oracle.budget_by_partner(2025, 4), oracle.budget_by_partner(2024, 4)
    share = now["realisasi_rp"].sum() / now["pagu_rp"].sum()
    last = before["realisasi_rp"].sum() / before["pagu_rp"].sum()
    values = points["absorption"].values
    assert values["pagu_rp"] == now["pagu_rp"].sum()
    assert values["serapan"] == pytest.approx(share)
    assert values["change"] == pytest.approx(share - last)
    text = sentence(points["absorption"], 2025, 4)
    assert text.startswith("Serapan anggaran pelatihan TW I–IV 2025: 74,0% (Rp15,4 miliar")
    assert f"naik {abs(share - last) * 100:.1f} poin".replace(".", ",") in text


def test_coverage_graduates_and_biggest_change_against_the_csvs(database_url):
    _, points = summary()
    coverage = oracle.coverage_by_partner(2025, 4)
    total, reached = coverage["villages_total"].sum(), coverage["reached_cumulative"].sum()
    gap = points["coverage_gap"].values
    assert (gap["total"], gap["unreached"]) == (total, total - reached)
    regions = coverage[coverage["villages_total"] > 0]
    shares = regions["reached_cumulative"] / regions["villages_total"]
    assert gap["lowest"] == regions.loc[shares.idxmin(), "short_name"]
    training = oracle.training_by_partner(2025, 4)
    assert points["graduates"].values["graduated"] == training["graduated"].sum()
    changes = points["biggest_change"].values
    before = oracle.coverage_by_partner(2024, 4)
    last = before["reached_cumulative"].sum() / before["villages_total"].sum()
    assert changes["indicator"] == "cakupan_kumulatif"
    assert changes["change"] == pytest.approx(reached / total - last)


def test_partners_behind_and_mou_points_against_the_csvs(database_url):
    _, points = summary()
    behind = [p for p in key_points(summary()[0]) if p.key == "behind"]
    assert {p.values["partner"] for p in behind} == {"Kab. Kepulauan Talaud", "STIKes Mitra Husada"}
    mous = oracle.csv("mous")
    valid = pd.to_datetime(mous["valid_until"]).dt.date
    renewed = mous["renewed_by_number"].fillna("") != ""
    left = [(v - TODAY).days for v in valid]
    soon = mous[[0 <= d <= 180 and not r for d, r in zip(left, renewed, strict=True)]]
    assert points["expiring"].values["count"] == len(soon)
    assert sorted(points["expiring"].values["days"]) == sorted(
        (v - TODAY).days for v in pd.to_datetime(soon["valid_until"]).dt.date
    )
    pks = oracle.csv("pks")
    current = mous[[d >= 0 and not r for d, r in zip(left, renewed, strict=True)]]
    names = oracle.partners().set_index("code")["short_name"]
    expected = sorted(
        names[c] for c in current[~current["number"].isin(pks["mou_number"])]["partner_code"]
    )
    assert points["no_pks"].values["partners"] == expected
    assert sentence(points["no_pks"], 2025, 4).startswith(f"{len(expected)} mitra dengan MoU")


def test_every_point_reads_in_both_languages_without_placeholders(database_url):
    data, _ = summary()
    points = key_points(data)
    assert 5 <= len(points) <= 8
    for point in points:
        for lang in ("id", "en"):
            text = sentence(point, 2025, 4, lang)
            assert "{" not in text and not re.search(r"\bnan\b", text.lower())
            assert text.endswith(".")
            assert not any(gap in text for gap in ("(–)", ": –", " – ", "– poin"))
    assert sentence(points[0], 2025, 4, "en").startswith("Training budget absorption Q1–Q4 2025")


def test_a_period_without_last_year_leaves_the_comparisons_out(database_url):
    _, points = summary(2022, 1)
    assert "biggest_change" not in points and "climber" not in points
    text = sentence(points["absorption"], 2022, 1)
    assert text.startswith("Serapan anggaran pelatihan TW I 2022:") and "dibanding" not in text


def test_the_summary_is_on_ringkasan(database_url):
    at = start()
    shown = texts(at)
    assert "Hal penting" in shown
    assert "Serapan anggaran pelatihan TW I–IV 2025: 74,0%" in shown
    english = start(lang="en")
    assert "Training budget absorption Q1–Q4 2025: 74.0%" in texts(english)
