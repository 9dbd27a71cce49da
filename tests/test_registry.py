"""The registry from an empty database: the official area list, partners, MoUs and PKS, each
checked before it is saved and audited."""

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.imports.import_files import read_table
from core.registry.reference_areas import check_areas, level_of, village_kind
from core.registry.registry_rules import PartnerFields, region_name
from data_access.figures import partners
from data_access.registry import agreements, reference_areas, registry
from data_access.store import audit
from data_access.store.access import AccessDenied, Viewer
from seed_data.areas import SAMPLE

ADMIN = Viewer("admin", None, "admin")
TALAUD = PartnerFields(
    code="71.04", name="Pemerintah Kabupaten Kepulauan Talaud",
    short_name="Kab. Kepulauan Talaud", partner_type="pemda", area_code="71.04",
    lat=4.31, lon=126.78, contact_email="disnaker@talaudkab.go.id", contact_phone="0433 21000",
)  # fmt: skip
DECREE = "Kepmendagri 300.2.2-2138/2025"


def sample() -> tuple[list[str], list]:
    return read_table("wilayah_contoh.csv", SAMPLE.read_bytes())


def load_sample(data: bytes | None = None) -> dict:
    headers, rows = read_table("wilayah.csv", data or SAMPLE.read_bytes())
    loaded = reference_areas.loaded_areas(viewer=ADMIN)
    checked = check_areas(headers, rows, loaded)
    assert checked.problems == []
    return reference_areas.load_areas(
        viewer=ADMIN, areas=checked.areas, removed=[c for c, _ in checked.removed],
        version=DECREE, file_name="wilayah.csv",
    )  # fmt: skip


def sample_villages(region: str) -> list[dict]:
    with open(SAMPLE, encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["kode"].startswith(region + ".")
                and r["kode"].count(".") == 3]  # fmt: skip


def test_codes_say_their_level_parent_and_village_kind():
    assert [level_of(c) for c in ("32", "32.12", "32.12.01", "32.12.01.2001", "32.1", "x")] == [
        "provinsi", "kabupaten_kota", "kecamatan", "desa", None, None,
    ]  # fmt: skip
    assert village_kind("32.12.01.1001") == "kelurahan" and village_kind("32.12.01.2001") == "desa"
    assert region_name("KAB. KEPULAUAN TALAUD") == "Kabupaten Kepulauan Talaud"
    assert region_name("KOTA BATU") == "Kota Batu"


def test_a_broken_list_is_refused_line_by_line():
    body = (
        b"Kode Wilayah;Nama Wilayah;Kode BPS\n"
        b"71;SULAWESI UTARA;71\n"
        b"71.04;KAB. KEPULAUAN TALAUD;7104\n"
        b"71.4;SALAH;\n"
        b"71.04;DUA KALI;\n"
        b"71.04.01.2001;TANPA KECAMATAN;\n"
        b"71.05;;\n"
        b"71.06;KAB. LAIN;71060\n"
    )
    checked = check_areas(*read_table("w.csv", body), loaded={})
    assert checked.problems == [
        (4, "Kode '71.4' tidak berbentuk xx, xx.xx, xx.xx.xx atau xx.xx.xx.xxxx."),
        (5, "Kode 71.04 sudah ada di baris 3."),
        (6, "Induk 71.04.01 dari 71.04.01.2001 tidak ada di berkas maupun di daftar yang "
            "sudah dimuat."),
        (7, "Nama wilayah 71.05 wajib diisi, paling banyak 120 karakter."),
        (8, "Kode BPS '71060' untuk 71.06 harus 4 angka."),
    ]  # fmt: skip
    assert [a.code for a in checked.areas] == ["71", "71.04", "71.04.01.2001"]


@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=15), st.floats()), max_size=4),
                max_size=20))  # fmt: skip
def test_any_cells_give_areas_or_sentences_never_an_exception(cells):
    rows = list(enumerate(cells, start=2))
    checked = check_areas(["kode", "nama", "kode_bps"], rows, loaded={"32": "JAWA BARAT"})
    # Each row is an area or a refusal (a missing parent adds a refusal to its area).
    assert len(checked.areas) + len(checked.problems) >= len(rows)
    for number, sentence in checked.problems:
        assert isinstance(number, int) and sentence.endswith(".")


def test_the_sample_list_loads_then_a_new_decree_renames_and_retires(no_demo_database):
    counts = load_sample()
    headers, rows = sample()
    assert counts == {"added": len(rows), "renamed": 0, "retired": 0}
    summary = reference_areas.area_summary(viewer=ADMIN)
    assert summary["version"] == DECREE
    assert summary["counts"]["kabupaten_kota"] == 20  # the demo's 16 regions, 4 campus towns
    towns = reference_areas.municipalities(viewer=ADMIN).set_index("code")
    assert towns.loc["71.04", "villages"] == len(sample_villages("71.04"))
    assert towns.loc["71.04", "province"] == "SULAWESI UTARA"
    # The next decree: one village renamed, one gone (the rest of the list unchanged).
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    first, second = sample_villages("71.04")[:2]
    changed = [
        line.replace(first["nama"], "DESA BARU") if line.startswith(first["kode"] + ",") else line
        for line in text
        if not line.startswith(second["kode"] + ",")
    ]
    headers, rows = read_table("w.csv", "\n".join(changed).encode())
    checked = check_areas(headers, rows, reference_areas.loaded_areas(viewer=ADMIN))
    assert checked.renamed == [(first["kode"], first["nama"], "DESA BARU")]
    assert checked.removed == [(second["kode"], second["nama"])]
    assert checked.added == 0
    reference_areas.load_areas(
        viewer=ADMIN, areas=checked.areas, removed=[second["kode"]], version="Kepmendagri baru",
        file_name="w.csv",
    )  # fmt: skip
    assert second["kode"] not in reference_areas.loaded_areas(viewer=ADMIN)
    entries = audit.audit_entries(viewer=ADMIN)
    assert list(entries["action"][:2]) == ["import_areas", "import_areas"]


def test_loading_areas_is_for_admins_with_a_decree_label(no_demo_database):
    headers, rows = sample()
    checked = check_areas(headers, rows, {})
    with pytest.raises(AccessDenied, match="Hanya admin"):
        reference_areas.load_areas(viewer=Viewer("pimpinan", None, "p"), areas=checked.areas,
                                   removed=[], version=DECREE, file_name="w.csv")  # fmt: skip
    with pytest.raises(reference_areas.AreaLoadRefused, match="dasar hukum"):
        reference_areas.load_areas(viewer=ADMIN, areas=checked.areas, removed=[], version=" ",
                                   file_name="w.csv")  # fmt: skip
    assert reference_areas.loaded_areas(viewer=ADMIN) == {}


def test_a_partner_registered_on_the_area_list_gets_its_region_and_villages(no_demo_database):
    with pytest.raises(registry.RegistryRefused, match="muat daftar wilayah"):
        registry.save_partner(viewer=ADMIN, fields=TALAUD)
    load_sample()
    partner_id = registry.save_partner(viewer=ADMIN, fields=TALAUD)
    listed = partners.list_partners(viewer=ADMIN).set_index("partner_id").loc[partner_id]
    assert listed["region_name"] == "Kabupaten Kepulauan Talaud"
    assert listed["province"] == "Sulawesi Utara" and listed["bps_code"] == "7104"
    assert listed["villages_total"] == len(sample_villages("71.04"))
    kept = registry.registry_partners(viewer=ADMIN).set_index("partner_id").loc[partner_id]
    assert kept["contact_email"] == "disnaker@talaudkab.go.id" and kept["version"] == 1
    with pytest.raises(registry.RegistryRefused, match="sudah dipakai"):
        registry.save_partner(viewer=ADMIN, fields=TALAUD)
    moved = PartnerFields(**{**TALAUD.__dict__, "contact_phone": "0433 99999"})
    registry.save_partner(viewer=ADMIN, fields=moved, partner_id=partner_id, expected_version=1)
    with pytest.raises(registry.StaleRegistry, match="baru saja diubah"):
        registry.save_partner(viewer=ADMIN, fields=moved, partner_id=partner_id,
                              expected_version=1)  # fmt: skip


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"code": "71.05"}, "Kode pemerintah daerah adalah kode Kemendagri wilayahnya (71.04)."),
        ({"contact_email": "bukan surel"}, "Surel narahubung tidak berbentuk nama@domain"),
        ({"lat": 126.78, "lon": 4.31}, "Koordinat di luar Indonesia"),
        ({"lon": None}, "Isi lintang dan bujur bersama-sama"),
        ({"short_name": ""}, "Nama singkat wajib diisi."),
    ],
)
def test_a_wrong_partner_field_is_named(no_demo_database, change, sentence):
    load_sample()
    with pytest.raises(
        registry.RegistryRefused, match=sentence.replace("(", r"\(").replace(")", r"\)")
    ):
        registry.save_partner(viewer=ADMIN, fields=PartnerFields(**{**TALAUD.__dict__, **change}))
    assert registry.registry_partners(viewer=ADMIN).empty


def test_mous_renewals_and_pks(no_demo_database):
    load_sample()
    partner_id = registry.save_partner(viewer=ADMIN, fields=TALAUD)
    first = agreements.save_mou(
        viewer=ADMIN, partner_id=partner_id, number="NK.16/KA/2023", signed_on=date(2023, 3, 1),
        valid_until=date(2026, 2, 28), scopes=["DIKLAT_CPMI", "SOSIALISASI"],
        document_url="https://jdih.example.go.id/nk16.pdf",
    )  # fmt: skip
    for bad, sentence in [
        ({"document_url": "javascript:alert(1)"}, "Tautan dokumen"),
        ({"valid_until": date(2022, 1, 1)}, "sesudah tanggal tanda tangan"),
        ({"scopes": []}, "sedikitnya satu ruang lingkup"),
        ({"number": "NK.16/KA/2023"}, "sudah terdaftar"),
    ]:
        args = {"number": "NK.20/KA/2026", "signed_on": date(2026, 2, 1),
                "valid_until": date(2031, 1, 31), "scopes": ["DIKLAT_CPMI"], **bad}  # fmt: skip
        with pytest.raises(registry.RegistryRefused, match=sentence):
            agreements.save_mou(viewer=ADMIN, partner_id=partner_id, **args)
    second = agreements.save_mou(
        viewer=ADMIN, partner_id=partner_id, number="NK.20/KA/2026", signed_on=date(2026, 2, 1),
        valid_until=date(2031, 1, 31), scopes=["DIKLAT_CPMI"], renews_mou_id=first,
    )  # fmt: skip
    with pytest.raises(registry.StaleRegistry, match="sudah diperpanjang"):
        agreements.save_mou(
            viewer=ADMIN, partner_id=partner_id, number="NK.21/KA/2026",
            signed_on=date(2026, 3, 1), valid_until=date(2031, 1, 31), scopes=["DIKLAT_CPMI"],
            renews_mou_id=first,
        )  # fmt: skip
    mous = agreements.agreements_of(viewer=ADMIN, partner_id=partner_id)
    assert list(mous["renewed"]) == [True, False]
    pks = agreements.save_pks(
        viewer=ADMIN, mou_id=second, number="PKS.20.1/2026", title="PKS Diklat CPMI",
        scope_code="DIKLAT_CPMI", signed_on=date(2026, 3, 1), valid_until=date(2027, 3, 1),
    )  # fmt: skip
    from data_access.figures import mou

    registry_rows = mou.mou_registry(viewer=ADMIN)
    assert set(registry_rows["number"]) == {"NK.16/KA/2023", "NK.20/KA/2026"}
    assert list(mou.pks_list(viewer=ADMIN)["number"]) == ["PKS.20.1/2026"]
    with pytest.raises(AccessDenied, match="Hanya admin"):
        agreements.save_pks(
            viewer=Viewer("verifikator", None, "v"), mou_id=second, number="X", title="X",
            scope_code="DIKLAT_CPMI", signed_on=date(2026, 3, 1), valid_until=date(2027, 3, 1),
        )  # fmt: skip

    # A correction: the MoU's end date and scopes, the PKS's title; an outdated form is refused.
    agreements.save_mou(
        viewer=ADMIN, partner_id=partner_id, number="NK.20/KA/2026", signed_on=date(2026, 2, 1),
        valid_until=date(2031, 2, 1), scopes=["SOSIALISASI", "DIKLAT_CPMI"], mou_id=second,
        expected_version=1,
    )  # fmt: skip
    with pytest.raises(registry.StaleRegistry, match="MoU ini baru saja diubah"):
        agreements.save_mou(
            viewer=ADMIN, partner_id=partner_id, number="NK.20/KA/2026",
            signed_on=date(2026, 2, 1), valid_until=date(2032, 1, 1), scopes=["DIKLAT_CPMI"],
            mou_id=second, expected_version=1,
        )  # fmt: skip
    with pytest.raises(registry.RegistryRefused, match="NK.16/KA/2023 sudah terdaftar"):
        agreements.save_mou(
            viewer=ADMIN, partner_id=partner_id, number="NK.16/KA/2023",
            signed_on=date(2026, 2, 1), valid_until=date(2032, 1, 1), scopes=["DIKLAT_CPMI"],
            mou_id=second, expected_version=2,
        )  # fmt: skip
    row = agreements.agreements_of(viewer=ADMIN, partner_id=partner_id).iloc[1]
    assert (row["valid_until"], row["scopes"], row["version"]) == (
        date(2031, 2, 1),
        ["DIKLAT_CPMI", "SOSIALISASI"],
        2,
    )
    agreements.save_pks(
        viewer=ADMIN, mou_id=second, number="PKS.20.1/2026", title="PKS Pelatihan CPMI",
        scope_code="DIKLAT_CPMI", signed_on=date(2026, 3, 1), valid_until=date(2027, 3, 1),
        pks_id=pks, expected_version=1,
    )  # fmt: skip
    with pytest.raises(registry.StaleRegistry, match="PKS ini baru saja diubah"):
        agreements.save_pks(
            viewer=ADMIN, mou_id=second, number="PKS.20.1/2026", title="Lama",
            scope_code="DIKLAT_CPMI", signed_on=date(2026, 3, 1), valid_until=date(2027, 3, 1),
            pks_id=pks, expected_version=1,
        )  # fmt: skip
    saved = agreements.pks_of(viewer=ADMIN, partner_id=partner_id).iloc[0]
    assert (saved["title"], saved["version"]) == ("PKS Pelatihan CPMI", 2)
    assert list(mou.pks_list(viewer=ADMIN)["title"]) == ["PKS Pelatihan CPMI"]


def test_csv_with_semicolons_and_excel_headers_reads(no_demo_database):
    body = io.StringIO()
    body.write("KODE;NAMA\n71;SULAWESI UTARA\n71.04;KAB. KEPULAUAN TALAUD\n")
    checked = check_areas(*read_table("w.csv", body.getvalue().encode()), loaded={})
    assert checked.problems == [] and len(checked.areas) == 2


def test_follow_through_items_are_added_updated_and_never_overwritten_blindly(no_demo_database):
    from data_access.figures import mou
    from data_access.registry import follow_through

    load_sample()
    pid = registry.save_partner(viewer=ADMIN, fields=TALAUD)
    args = {"viewer": ADMIN, "partner_id": pid, "scope_code": "PEMBERANTASAN_SINDIKAT",
            "kind": "satgas_tppo"}  # fmt: skip
    for bad, sentence in [
        ({"kind": "kurikulum"}, "bukan butir baku"),
        ({"status": "selesai"}, "perlu tanggal selesainya"),
        ({"completed_on": date(2026, 1, 5)}, "hanya diisi bila statusnya selesai"),
        ({"due_on": None}, "Isi tenggat"),
        ({"status": "selesai", "completed_on": date(2030, 1, 1)}, "sesudah hari ini"),
    ]:
        with pytest.raises(registry.RegistryRefused, match=sentence):
            follow_through.save_item(**{**args, "status": "proses", "due_on": date(2026, 6, 30),
                                        "completed_on": None, **bad})  # fmt: skip
    version = follow_through.save_item(
        **args, status="proses", due_on=date(2026, 6, 30), completed_on=None
    )
    with pytest.raises(registry.StaleRegistry):  # added twice: the second one is told
        follow_through.save_item(**args, status="belum", due_on=date(2026, 6, 30),
                                 completed_on=None)  # fmt: skip
    version = follow_through.save_item(
        **args, status="selesai", due_on=date(2026, 6, 30), completed_on=date(2026, 5, 2),
        evidence_note="SK Bupati 12/2026", expected_version=version,
    )  # fmt: skip
    with pytest.raises(registry.StaleRegistry, match="baru saja disimpan"):
        follow_through.save_item(**args, status="proses", due_on=date(2026, 6, 30),
                                 completed_on=None, expected_version=1)  # fmt: skip
    shown = mou.deliverables_of_partner(viewer=ADMIN, partner_id=pid)
    assert shown[["status", "completed_on", "evidence_note"]].values.tolist() == [
        ["selesai", date(2026, 5, 2), "SK Bupati 12/2026"]
    ]
    matrix = mou.deliverables_matrix(viewer=ADMIN, as_of=date(2026, 11, 27))
    assert matrix[["items", "done", "overdue"]].values.tolist() == [[1, 1, 0]]


def test_a_file_that_is_not_an_area_list_is_refused_whole():
    from core.imports.import_files import FileProblem

    body = b"kode_mitra,tahun,triwulan,pagu\n32.12,2025,1,100\n"
    with pytest.raises(FileProblem, match="Kolom 'kode' dan 'nama' tidak ada: ini bukan daftar"):
        check_areas(*read_table("anggaran.csv", body), loaded={})
