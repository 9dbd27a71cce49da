"""Read functions against the demo data: whole frames compared with the CSV oracle."""

from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from data_access.figures import budget, mou, outcomes, partners, socialization
from tests import oracle
from tests.viewers import STAFF

PERIODS = [(2022, 1), (2023, 2), (2024, 3), (2025, 4), (2025, 3)]


def _same(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert_frame_equal(
        actual.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False
    )


@pytest.mark.parametrize(("year", "quarter"), PERIODS)
def test_budget_by_partner_matches_csv(database_url, year, quarter):
    _same(
        budget.budget_by_partner(viewer=STAFF, year=year, quarter=quarter),
        oracle.budget_by_partner(year, quarter),
    )


@pytest.mark.parametrize(("year", "quarter"), PERIODS)
def test_training_by_partner_matches_csv(database_url, year, quarter):
    _same(
        budget.training_by_partner(viewer=STAFF, year=year, quarter=quarter),
        oracle.training_by_partner(year, quarter),
    )


@pytest.mark.parametrize(("year", "quarter"), PERIODS)
def test_coverage_by_partner_matches_csv(database_url, year, quarter):
    _same(
        socialization.coverage_by_partner(viewer=STAFF, year=year, quarter=quarter),
        oracle.coverage_by_partner(year, quarter),
    )


def test_budget_keeps_last_known_pagu_when_a_quarter_is_missing(database_url):
    frame = budget.budget_by_partner(viewer=STAFF, year=2025, quarter=4).set_index("code")
    talaud = frame.loc["71.04"]
    assert not talaud["reported"]
    q3 = budget.budget_by_partner(viewer=STAFF, year=2025, quarter=3).set_index("code").loc["71.04"]
    assert talaud["pagu_rp"] == q3["pagu_rp"] > 0
    assert talaud["realisasi_rp"] == q3["realisasi_rp"]


def test_budget_cut_shows_in_pagu_after_mid_year_revision(database_url):
    q2 = (
        budget.budget_by_partner(viewer=STAFF, year=2025, quarter=2)
        .set_index("code")
        .loc["52.03", "pagu_rp"]
    )
    q3 = (
        budget.budget_by_partner(viewer=STAFF, year=2025, quarter=3)
        .set_index("code")
        .loc["52.03", "pagu_rp"]
    )
    assert q3 < q2 * 0.6


def test_filters_restrict_partners(database_url):
    inst = budget.budget_by_partner(
        viewer=STAFF, year=2025, quarter=4, partner_type="lembaga_pendidikan"
    )
    assert list(inst["code"]) == ["UBI", "UBP", "PKD", "PKK", "SMH"]
    jatim = budget.budget_by_partner(viewer=STAFF, year=2025, quarter=4, province="Jawa Timur")
    assert list(jatim["code"]) == ["35.02", "35.04", "35.05", "35.07", "35.10"]
    nobody = budget.budget_by_partner(
        viewer=STAFF, year=2025, quarter=4, partner_type="pemda", province="Bali"
    )
    assert nobody.empty and list(nobody.columns) == list(inst.columns)


def test_year_without_data_gives_zeros_not_errors(database_url):
    frame = budget.budget_by_partner(viewer=STAFF, year=2019, quarter=4)
    assert len(frame) == 21
    assert frame[["pagu_rp", "realisasi_rp", "target_trainees"]].eq(0).all().all()


@pytest.mark.parametrize("verified_only", [False, True])
def test_budget_by_quarter_matches_csv(database_url, verified_only):
    _same(
        budget.budget_by_quarter(viewer=STAFF, verified_only=verified_only),
        oracle.budget_trend(verified_only),
    )


@pytest.mark.parametrize("verified_only", [False, True])
@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_cumulative_absorption_at_the_last_quarter_is_the_headline(
    database_url, year, verified_only
):
    trend = budget.budget_by_quarter(viewer=STAFF, verified_only=verified_only)
    last = trend[trend["year"] == year].iloc[-1]
    headline = budget.budget_by_partner(
        viewer=STAFF, year=year, quarter=int(last["quarter"]), verified_only=verified_only
    )
    assert last["pagu_rp"] == headline["pagu_rp"].sum()
    assert last["realisasi_cum_rp"] == headline["realisasi_rp"].sum()


@pytest.mark.parametrize("verified_only", [False, True])
@pytest.mark.parametrize(("year", "quarter"), [(2024, 2), (2025, 4), (2022, 3)])
def test_budget_by_source_matches_csv(database_url, year, quarter, verified_only):
    b = oracle.shown_rows("training_budgets", verified_only)
    b = b[(b["year"] == year) & (b["quarter"] <= quarter)]
    # The ceiling in force: each partner's and source's latest reported quarter so far.
    latest = b.groupby(["partner_code", "fund_source"])["quarter"].transform("max")
    ceiling = b[b["quarter"] == latest].groupby("fund_source")["pagu_rp"].sum()
    spent = b.groupby("fund_source")["realisasi_rp"].sum()
    expected = pd.DataFrame(
        {
            "fund_source": list(spent.index),
            "pagu_rp": [int(ceiling.get(s, 0)) for s in spent.index],
            "realisasi_rp": [int(v) for v in spent],
        }
    )
    _same(
        budget.budget_by_source(
            viewer=STAFF, year=year, quarter=quarter, verified_only=verified_only
        ),
        expected,
    )


def test_events_by_quarter_new_villages_add_up_to_cumulative_reach(database_url):
    quarters = socialization.events_by_quarter(viewer=STAFF, partner_type="pemda")
    coverage = socialization.coverage_by_partner(viewer=STAFF, year=2025, quarter=4)
    assert quarters["villages_new"].sum() == coverage["reached_cumulative"].sum()
    e = oracle.events()
    per_q = e.groupby(["year", "quarter"]).size().reset_index(name="events")
    assert quarters["events"].tolist() == per_q["events"].tolist()
    assert "villages_reached" not in quarters


def test_events_by_topic_matches_csv(database_url):
    e = oracle.events()
    e = e[(e["year"] == 2023) & (e["quarter"] <= 4)]
    expected = e.groupby("topic").agg(events=("topic", "size")).reset_index()
    actual = socialization.events_by_topic(viewer=STAFF, year=2023, quarter=4)
    assert dict(zip(actual.topic, actual.events, strict=True)) == dict(
        zip(expected.topic, expected.events, strict=True)
    )


def test_villages_of_partner_lists_every_village(database_url):
    villages = socialization.villages_of_partner(viewer=STAFF, partner_id=16, year=2025, quarter=4)
    assert len(villages) == 153  # Kepulauan Talaud: 142 desa + 11 kelurahan
    assert villages["pmi_count"].is_monotonic_decreasing
    coverage = socialization.coverage_by_partner(viewer=STAFF, year=2025, quarter=4).set_index(
        "code"
    )
    assert (villages["events"] > 0).sum() == coverage.loc["71.04", "reached_cumulative"]
    assert socialization.villages_of_partner(
        viewer=STAFF, partner_id=17, year=2025, quarter=4
    ).empty


def test_mou_registry_and_pks(database_url):
    registry = mou.mou_registry(viewer=STAFF)
    assert len(registry) == 22  # 21 MoUs and one renewal
    assert registry.loc[registry["number"] == "NK.14/KA/2021", "renewed"].item()
    no_pks = set(registry["code"]) - set(mou.pks_list(viewer=STAFF)["code"])
    assert no_pks == {"71.04", "SMH"}
    row = registry.set_index("number").loc["NK.02/KA/2022"]
    assert (row["code"], row["valid_until"], row["scopes"]) == ("32.09", date(2027, 1, 19), 5)


def test_deliverables_matrix_counts_done_as_of_a_date(database_url):
    d = oracle.csv("deliverables")
    as_of = date(2024, 6, 30)
    done = d["completed_on"].notna() & (pd.to_datetime(d["completed_on"]).dt.date <= as_of)
    matrix = mou.deliverables_matrix(viewer=STAFF, as_of=as_of)
    assert matrix["items"].sum() == len(d)
    assert matrix["done"].sum() == int(done.sum())
    overdue = ~done & (pd.to_datetime(d["due_on"]).dt.date < as_of)
    assert matrix["overdue"].sum() == int(overdue.sum())


def test_outcomes_match_calibration(database_url):
    frame = outcomes.outcomes_by_partner(viewer=STAFF, years=(2022, 2023)).set_index(
        ["code", "year"]
    )
    assert frame.loc[("32.12", 2022), "placements"] == 12794
    assert frame.loc[("32.12", 2023), "placements"] == 19178
    assert frame.loc[("32.09", 2023), "placements"] == 10552
    assert frame.loc[("52.02", 2022), "placements"] == 12049
    assert len(frame) == 42


def test_dataset_info_and_filter_options(database_url):
    info = partners.dataset_info(viewer=STAFF)
    assert info["is_demo"] is True and info["as_of"] == date(2025, 12, 31)
    options = partners.filter_options(viewer=STAFF)
    assert options["years"] == [2022, 2023, 2024, 2025]
    assert "Nusa Tenggara Barat" in options["provinces"] and len(options["provinces"]) == 9


def test_list_partners_has_both_codes_and_villages(database_url):
    frame = partners.list_partners(viewer=STAFF).set_index("code")
    assert len(frame) == 21
    assert frame.loc["32.12", ["kemendagri_code", "bps_code", "villages_total"]].tolist() == [
        "32.12",
        "3212",
        317,
    ]
    assert frame.loc["PKD", "villages_total"] == 0


def test_mou_registry_whole_frame(database_url):
    mous = oracle.csv("mous")
    partners = oracle.partners().set_index("code")
    pks = oracle.csv("pks").groupby("mou_number").size()
    expected = pd.DataFrame(
        {
            "number": mous["number"],
            "partner_id": [partners.loc[c, "partner_id"] for c in mous["partner_code"]],
            "code": mous["partner_code"],
            "short_name": [partners.loc[c, "short_name"] for c in mous["partner_code"]],
            "partner_type": [partners.loc[c, "partner_type"] for c in mous["partner_code"]],
            "province": [partners.loc[c, "province"] for c in mous["partner_code"]],
            "signed_on": pd.to_datetime(mous["signed_on"]).dt.date,
            "valid_until": pd.to_datetime(mous["valid_until"]).dt.date,
            "renewed": mous["renewed_by_number"].notna(),
            "scopes": 5,
            "pks_count": [int(pks.get(n, 0)) for n in mous["number"]],
        }
    )
    expected = expected.sort_values(
        ["partner_type", "short_name", "signed_on"], ascending=[False, True, True]
    )
    _same(mou.mou_registry(viewer=STAFF).drop(columns="mou_id"), expected)


@pytest.mark.parametrize("years", [(2022,), (2024, 2025)])
def test_outcomes_whole_frame(database_url, years):
    o = oracle.csv("partner_outcomes")
    o = o[o["year"].isin(years)].rename(columns={"partner_code": "code"})
    expected = oracle.partners().merge(o, on="code").sort_values(["partner_id", "year"])
    # The demo partners publish no yearly participants or trainees.
    yearly = ["socialization_participants", "trainees", "budget_spent_rp"]
    expected = expected.assign(**dict.fromkeys(yearly, pd.NA)).astype(
        dict.fromkeys(yearly, "Int64")
    )
    _same(outcomes.outcomes_by_partner(viewer=STAFF, years=years), expected)
