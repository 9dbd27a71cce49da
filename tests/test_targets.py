"""Yearly targets per partner: saved by admins only, checked, raced, and measured against on
the pages. Expected figures come from the stored rows with plain pandas (as in
test_oracle_pages), never from core/ or data_access/."""

import pandas as pd
import pytest

from core.registry.registry_rules import target_problems
from data_access.registry import targets
from data_access.registry.registry import RegistryRefused, StaleRegistry
from data_access.store.access import AccessDenied, Viewer
from tests.apptest import open_page, start
from tests.test_concurrency import race
from tests.test_oracle_pages import counted, names, per_partner, percent, rupiah_full

ADMIN = Viewer("admin", None, "admin")
TALAUD, UBI = 16, 17  # 153 desa/kelurahan; an institution
GOALS = {  # partner → (budget_rp, trainees, villages)
    TALAUD: (1_600_000_000, 90, 60),
    UBI: (500_000_000, 25, 0),
}


def register(year: int) -> None:
    for partner, (budget, trainees, villages) in GOALS.items():
        targets.save_target(
            viewer=ADMIN, partner_id=partner, year=year, budget_rp=budget, trainees=trainees,
            villages=villages, expected_version=0,
        )  # fmt: skip


def test_a_target_is_set_edited_and_read_back_whole(database_url):
    register(2025)
    version = targets.save_target(
        viewer=ADMIN, partner_id=TALAUD, year=2025, budget_rp=1_700_000_000, trainees=95,
        villages=70, expected_version=1,
    )  # fmt: skip
    assert version == 2
    got = targets.partner_targets(viewer=ADMIN, year=2025)
    expected = pd.DataFrame(
        {
            "partner_id": list(range(1, 22)),
            "budget_target_rp": [0] * 15 + [1_700_000_000, 500_000_000] + [0] * 4,
            "trainees_target": [0] * 15 + [95, 25] + [0] * 4,
            "villages_target": [0] * 15 + [70, 0] + [0] * 4,
            "has_target": [False] * 15 + [True, True] + [False] * 4,
        }
    )
    pd.testing.assert_frame_equal(got[expected.columns], expected, check_dtype=False)
    assert not targets.partner_targets(viewer=ADMIN, year=2026)["has_target"].any()
    rows = targets.registry_targets(viewer=ADMIN, year=2025).set_index("partner_id")
    assert rows.loc[TALAUD, "villages_total"] == 153 and rows.loc[UBI, "villages_total"] == 0
    assert rows.loc[TALAUD, "version"] == 2 and rows.loc[1, "version"] == 0


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ((2025, 0, 0, 0, 153), "Isi sedikitnya satu target"),
        ((2025, -1, 5, 0, 153), "Target tidak boleh negatif."),
        ((2025, 0, 10, 154, 153), "Target desa (154) melebihi jumlah desa/kelurahan"),
        ((2019, 0, 10, 0, None), "Tahun target antara 2020 dan 2045."),
        ((2025, 10**14, 0, 0, None), "periksa jumlah angka nolnya"),
        ((2025, 0, 2_000_000, 0, None), "Target peserta di atas 1.000.000 orang"),
    ],
)
def test_a_wrong_target_gets_a_sentence(values, problem):
    assert any(problem in p for p in target_problems(*values))


def test_refusals_leave_nothing_behind(database_url):
    with pytest.raises(RegistryRefused, match="melebihi jumlah desa/kelurahan"):
        targets.save_target(viewer=ADMIN, partner_id=TALAUD, year=2025, budget_rp=0,
                            trainees=10, villages=999, expected_version=0)  # fmt: skip
    for role, partner in (("pimpinan", None), ("verifikator", None), ("mitra", TALAUD)):
        with pytest.raises(AccessDenied):
            targets.save_target(viewer=Viewer(role, partner, role), partner_id=TALAUD,
                                year=2025, budget_rp=1, trainees=1, villages=1,
                                expected_version=0)  # fmt: skip
    with pytest.raises(AccessDenied):
        targets.registry_targets(viewer=Viewer("pimpinan", None, "p"), year=2025)
    assert not targets.partner_targets(viewer=ADMIN, year=2025)["has_target"].any()


def test_two_admins_set_the_same_target_at_once(database_url):
    admins = (Viewer("admin", None, "admin"), Viewer("admin", None, "admin.dua"))

    def first(n: int):
        return targets.save_target(viewer=admins[n], partner_id=TALAUD, year=2026,
                                   budget_rp=0, trainees=40 + n, villages=0,
                                   expected_version=0)  # fmt: skip

    created = race(lambda: first(0), lambda: first(1))
    assert sorted(type(r).__name__ for r in created) == ["StaleRegistry", "int"], created
    row = targets.registry_targets(viewer=ADMIN, year=2026).set_index("partner_id").loc[TALAUD]
    assert row["trainees_target"] == 40 + created.index(1) and row["version"] == 1

    def edit(n: int):
        return targets.save_target(viewer=admins[n], partner_id=TALAUD, year=2026,
                                   budget_rp=0, trainees=60 + n, villages=0,
                                   expected_version=1)  # fmt: skip

    edited = race(lambda: edit(0), lambda: edit(1))
    assert sorted(type(r).__name__ for r in edited) == ["StaleRegistry", "int"], edited
    assert all("diubah orang lain" in str(r) for r in edited if isinstance(r, StaleRegistry))
    row = targets.registry_targets(viewer=ADMIN, year=2026).set_index("partner_id").loc[TALAUD]
    assert row["trainees_target"] == 60 + edited.index(2) and row["version"] == 2


@pytest.mark.parametrize("approved_only", [False, True], ids=["default", "approved"])
@pytest.mark.parametrize(("year", "quarter"), [(2025, 2), (2025, 4)])
def test_the_budget_page_measures_against_registered_targets(
    database_url, year, quarter, approved_only
):
    register(year)
    budget = counted("training_budget", approved_only)
    money = per_partner(budget, year, quarter)
    reported = money["target"].to_dict() if not money.empty else {}
    cohorts = counted("training_cohort", approved_only)
    cohorts = cohorts[(cohorts["year"] == year) & (cohorts["quarter"] <= quarter)]
    graduated = cohorts.groupby("partner_id")["graduated"].sum()
    at = open_page(
        start(year=year, quarter=quarter, verified=approved_only),
        "pages/anggaran_pelatihan.py",
        every_column=True,
    )
    assert not at.exception
    table = at.dataframe[0].value.set_index("Mitra")
    label = names()
    for partner, name in label.items():
        shown = table.loc[name]
        goal = GOALS[partner][1] if partner in GOALS else reported.get(partner, 0)
        assert shown["Target peserta"] == f"{goal:,}".replace(",", "."), name
        done = int(graduated.get(partner, 0))
        assert shown["Capaian"] == (percent(done / goal) if goal else "–"), name
        source = "Registri" if partner in GOALS else ("Laporan anggaran" if goal else "–")
        assert shown["Sumber target"] == source, name
        budget_goal = GOALS.get(partner, (0,))[0]
        assert shown["Target anggaran"] == rupiah_full(budget_goal), name
        pagu = int(money["pagu"].get(partner, 0)) if not money.empty else 0
        assert shown["Pagu thd target"] == (percent(pagu / budget_goal) if budget_goal else "–")


@pytest.mark.parametrize("approved_only", [False, True], ids=["default", "approved"])
def test_the_coverage_page_measures_villages_against_the_target(database_url, approved_only):
    register(2025)
    events = counted("socialization_event", approved_only)
    events = events[(events["year"] == 2025) & (events["quarter"] <= 3)]
    reached = events[events["partner_id"] == TALAUD]["village_id"].nunique()
    at = open_page(
        start(year=2025, quarter=3, verified=approved_only),
        "pages/cakupan_sosialisasi.py",
        every_column=True,
    )
    assert not at.exception
    table = at.dataframe[0].value.set_index("Mitra")
    talaud = table.loc[names()[TALAUD]]
    assert talaud["Target desa"] == "60"
    assert talaud["Capaian target desa"] == percent(reached / 60)
    others = table.drop(index=names()[TALAUD])
    assert (others["Target desa"] == "0").all() and (others["Capaian target desa"] == "–").all()
