"""The demo data: deterministic, in step with the committed CSVs, calibrated to domain facts."""

import filecmp

import pandas as pd

from seed_data import generate
from tests.oracle import csv


def test_generator_is_deterministic_and_matches_committed_csvs(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    paths = generate.write(first)
    generate.write(second)
    for path in paths:
        assert filecmp.cmp(path, second / path.name, shallow=False), path.name
        assert filecmp.cmp(path, generate.CSV_DIR / path.name, shallow=False), (
            f"{path.name} differs from seed_data/csv: run python -m seed_data.generate"
        )


def test_partners_are_the_21_real_ones():
    partners = csv("partners")
    assert (partners["partner_type"] == "pemda").sum() == 16
    assert (partners["partner_type"] == "lembaga_pendidikan").sum() == 5
    assert "Pemerintah Kabupaten Kepulauan Talaud" in set(partners["name"])


def test_village_counts_and_codes_follow_kemendagri():
    villages = csv("villages")
    regions = csv("regions").set_index("kemendagri_code")
    counts = villages.groupby(["region_code", "kind"]).size().unstack(fill_value=0)
    for code, row in counts.iterrows():
        assert row.get("desa", 0) == regions.loc[code, "desa_count"]
        assert row.get("kelurahan", 0) == regions.loc[code, "kelurahan_count"]
    pattern = r"^\d{2}\.\d{2}\.\d{2}\.[12]\d{3}$"
    assert villages["code"].str.match(pattern).all()
    kind_digit = villages["code"].str[9]
    assert ((kind_digit == "2") == (villages["kind"] == "desa")).all()
    assert villages["code"].is_unique


def test_partners_differ_visibly():
    budgets = csv("training_budgets")
    # the laggard missed a report; one partner had its budget cut mid-2025
    talaud = budgets[(budgets.partner_code == "71.04") & (budgets.year == 2025)]
    assert 4 not in set(talaud["quarter"])
    lotim = budgets[(budgets.partner_code == "52.03") & (budgets.year == 2025)]
    assert lotim[lotim.quarter == 3].pagu_rp.sum() < lotim[lotim.quarter == 2].pagu_rp.sum()
    events = csv("socialization_events").groupby("partner_code").size()
    assert events["32.12"] > 5 * events["71.04"]
    # realistic event sizes and every realisasi within its pagu
    sizes = csv("socialization_events")[["participants_male", "participants_female"]].sum(axis=1)
    assert sizes.between(30, 100).all()
    spent = budgets.groupby(["partner_code", "year", "fund_source"])["realisasi_rp"].sum()
    pagu = budgets.groupby(["partner_code", "year", "fund_source"])["pagu_rp"].max()
    assert (spent <= pagu).all()


def test_funnel_never_widens():
    cohorts = csv("training_cohorts")
    assert (cohorts.graduated <= cohorts.registered).all()
    assert (cohorts.certified <= cohorts.graduated).all()
    assert (cohorts.placed <= cohorts.certified).all()
    assert pd.api.types.is_integer_dtype(cohorts.cost_rp)
