"""Two admins saving the same registry record at the same moment, in real threads: one
save wins, the other is told in a sentence, nothing is written twice or lost."""

from datetime import date

from core.registry.registry_rules import PartnerFields
from data_access.registry import agreements, follow_through, registry
from data_access.registry.registry import RegistryRefused, StaleRegistry
from data_access.store.access import Viewer
from tests.test_concurrency import race

ADMINS = (Viewer("admin", None, "admin"), Viewer("admin", None, "admin.dua"))


def test_two_edits_of_one_partner_from_the_same_version(database_url):
    row = registry.registry_partners(viewer=ADMINS[0]).set_index("partner_id").loc[16]
    fields = PartnerFields(
        row["code"], row["name"], row["short_name"], row["partner_type"], row["area_code"],
        float(row["lat"]), float(row["lon"]),
    )  # fmt: skip

    def edit(n: int):
        changed = PartnerFields(**{**fields.__dict__, "contact_phone": f"0433 2100{n}"})
        return registry.save_partner(
            viewer=ADMINS[n], fields=changed, partner_id=16, expected_version=int(row["version"])
        )

    results = race(lambda: edit(0), lambda: edit(1))
    assert sorted(type(r).__name__ for r in results) == ["StaleRegistry", "int"], results
    after = registry.registry_partners(viewer=ADMINS[0]).set_index("partner_id").loc[16]
    winner = results.index(16)
    assert after["contact_phone"] == f"0433 2100{winner}" and after["version"] == row["version"] + 1


def test_two_mous_with_one_number_and_two_renewals_of_one_mou(database_url):
    def mou(n: int, renews: int):
        return agreements.save_mou(
            viewer=ADMINS[n], partner_id=16, number=f"NK.77/KA/2026-{n}",
            signed_on=date(2026, 2, 1), valid_until=date(2031, 1, 31), scopes=["DIKLAT_CPMI"],
            renews_mou_id=renews,
        )  # fmt: skip

    same = race(lambda: agreements.save_mou(
        viewer=ADMINS[0], partner_id=16, number="NK.88/KA/2026", signed_on=date(2026, 2, 1),
        valid_until=date(2031, 1, 31), scopes=["DIKLAT_CPMI"],
    ), lambda: agreements.save_mou(
        viewer=ADMINS[1], partner_id=16, number="NK.88/KA/2026", signed_on=date(2026, 2, 1),
        valid_until=date(2031, 1, 31), scopes=["SOSIALISASI"],
    ))  # fmt: skip
    assert sum(isinstance(r, int) for r in same) == 1
    assert any("sudah terdaftar" in str(r) for r in same if isinstance(r, RegistryRefused))
    old = agreements.agreements_of(viewer=ADMINS[0], partner_id=16)["mou_id"].iloc[0]
    renewals = race(lambda: mou(0, renews=int(old)), lambda: mou(1, renews=int(old)))
    assert sorted(type(r).__name__ for r in renewals) == ["StaleRegistry", "int"], renewals
    numbers = set(agreements.agreements_of(viewer=ADMINS[0], partner_id=16)["number"])
    assert len(numbers & {"NK.77/KA/2026-0", "NK.77/KA/2026-1"}) == 1  # the loser left nothing


def test_two_saves_of_one_follow_through_item(database_url):
    def save(n: int):
        return follow_through.save_item(
            viewer=ADMINS[n], partner_id=16, scope_code="PEMBERANTASAN_SINDIKAT",
            kind="satgas_tppo", status="proses", due_on=date(2026, 6, 30), completed_on=None,
            evidence_note=f"catatan {n}", expected_version=1,
        )  # fmt: skip

    results = race(lambda: save(0), lambda: save(1))
    assert sorted(type(r).__name__ for r in results) == ["StaleRegistry", "int"], results
    assert isinstance(next(r for r in results if not isinstance(r, int)), StaleRegistry)


def test_two_admins_loading_the_area_list_at_once(no_demo_database):
    from core.imports.import_files import read_table
    from core.registry.reference_areas import check_areas
    from data_access.registry import reference_areas
    from seed_data.areas import SAMPLE

    checked = check_areas(*read_table("w.csv", SAMPLE.read_bytes()), loaded={})

    def load(n: int):
        return reference_areas.load_areas(
            viewer=ADMINS[n], areas=checked.areas, removed=[], version=f"Kepmendagri {n}",
            file_name="w.csv",
        )  # fmt: skip

    results = race(lambda: load(0), lambda: load(1))
    assert all(isinstance(r, (dict, reference_areas.AreaLoadRefused)) for r in results), results
    assert any(isinstance(r, dict) and r["added"] == len(checked.areas) for r in results)
    summary = reference_areas.area_summary(viewer=ADMINS[0])
    assert sum(summary["counts"].values()) == len(checked.areas)


def test_two_corrections_of_one_mou(database_url):
    mou = agreements.agreements_of(viewer=ADMINS[0], partner_id=16).iloc[0]

    def correct(n: int):
        return agreements.save_mou(
            viewer=ADMINS[n], partner_id=16, number=mou["number"], signed_on=mou["signed_on"],
            valid_until=date(2030, 1, 1 + n), scopes=list(mou["scopes"]),
            document_url=f"https://jdih.example.go.id/{n}.pdf", mou_id=int(mou["mou_id"]),
            expected_version=int(mou["version"]),
        )  # fmt: skip

    results = race(lambda: correct(0), lambda: correct(1))
    assert sorted(type(r).__name__ for r in results) == ["StaleRegistry", "int"], results
    winner = next(n for n, r in enumerate(results) if isinstance(r, int))
    after = agreements.agreements_of(viewer=ADMINS[0], partner_id=16).iloc[0]
    assert after["valid_until"] == date(2030, 1, 1 + winner)
    assert after["document_url"].endswith(f"/{winner}.pdf") and after["scopes"] == mou["scopes"]
