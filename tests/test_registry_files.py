"""Registry data from files: partners, MoUs, PKS, follow-through items and targets read cell
by cell, applied all or nothing through the forms' own checks, on an empty registry."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.imports.import_files import read_table
from core.registry.registry_files import KINDS, read_rows, template_csv
from data_access.registry import agreements, follow_through, registry, registry_import, targets
from data_access.registry.registry import RegistryRefused
from data_access.store import audit
from data_access.store.access import AccessDenied, Viewer
from tests.apptest import open_page, start, texts
from tests.test_registry import ADMIN, load_sample

PARTNERS = (
    "kode_mitra;jenis;kode_wilayah;nama;nama_singkat;alamat;narahubung;surel;telepon;lintang;bujur\n"
    "71.04;pemda;71.04;Pemerintah Kabupaten Kepulauan Talaud;Kab. Kepulauan Talaud;"
    "Melonguane;Ibu Sari;disnaker@talaudkab.go.id;0433 21001;4,31;126,78\n"
    "UBI;lembaga_pendidikan;32.71;Universitas Binaniaga Indonesia;Univ. Binaniaga;"
    "Bogor;;;;-6.60;106.80\n"
)
MOUS = (
    "kode_mitra,nomor,tanggal_tanda_tangan,berlaku_sampai,ruang_lingkup,tautan_dokumen,"
    "memperpanjang\n"
    '71.04,NK.16/KA/2023,01/03/2023,28/02/2026,"DIKLAT_CPMI, SOSIALISASI",,\n'
    "71.04,NK.20/KA/2026,01/02/2026,31/01/2031,DIKLAT_CPMI,https://jdih.go.id/a.pdf,NK.16/KA/2023\n"
    "UBI,NK.3/KA/2024,10/05/2024,09/05/2029,DIKLAT_CPMI,,\n"
)
PKS = (
    "nomor_mou,nomor,judul,ruang_lingkup,tanggal_tanda_tangan,berlaku_sampai\n"
    "NK.20/KA/2026,PKS.20.1/2026,PKS Diklat CPMI,DIKLAT_CPMI,01/03/2026,01/03/2027\n"
)
ITEMS = (
    "kode_mitra,ruang_lingkup,butir,status,tenggat,selesai,catatan_bukti\n"
    "71.04,PEMBERANTASAN_SINDIKAT,satgas_tppo,selesai,30/06/2024,02/05/2024,SK Bupati 12/2024\n"
    "UBI,DIKLAT_CPMI,kurikulum,proses,31/12/2026,,\n"
)
TARGETS = (
    "kode_mitra,tahun,target_anggaran,target_peserta,target_desa\n"
    '71.04,2026,"Rp1.500.000.000",60,40\n'
    "UBI,2026,500000000,25,\n"
)


def read(kind: str, text: str, name: str = "f.csv"):
    return read_rows(KINDS[kind], *read_table(name, text.encode()))


def apply(kind: str, text: str) -> dict:
    got = read(kind, text)
    assert got.problems == []
    return registry_import.import_registry(
        viewer=ADMIN, kind=kind, records=got.records, file_name=f"{kind}.csv"
    )


@pytest.fixture
def areas(no_demo_database):
    load_sample()
    return no_demo_database


def test_a_registry_is_built_from_files_and_a_second_file_updates_it(areas):
    assert apply("mitra", PARTNERS) == {"added": 2, "changed": 0}
    assert apply("mou", MOUS) == {"added": 3, "changed": 0}
    assert apply("pks", PKS) == {"added": 1, "changed": 0}
    assert apply("tindak_lanjut", ITEMS) == {"added": 2, "changed": 0}
    assert apply("target", TARGETS) == {"added": 2, "changed": 0}

    known = registry.registry_partners(viewer=ADMIN).set_index("code")
    assert list(known.index) == ["71.04", "UBI"]
    assert known.loc["71.04", "contact_email"] == "disnaker@talaudkab.go.id"
    assert (known.loc["71.04", "lat"], known.loc["UBI", "lon"]) == (4.31, 106.8)
    talaud = int(known.loc["71.04", "partner_id"])
    mous = agreements.agreements_of(viewer=ADMIN, partner_id=talaud)
    assert list(mous["number"]) == ["NK.16/KA/2023", "NK.20/KA/2026"]
    assert list(mous["renewed"]) == [True, False]  # the second renews the first
    assert mous["scopes"].iloc[0] == ["DIKLAT_CPMI", "SOSIALISASI"]
    assert list(agreements.pks_of(viewer=ADMIN, partner_id=talaud)["title"]) == ["PKS Diklat CPMI"]
    items = follow_through.follow_through_items(viewer=ADMIN, partner_id=talaud)
    assert list(items["completed_on"]) == [date(2024, 5, 2)]
    goals = targets.registry_targets(viewer=ADMIN, year=2026).set_index("short_name")
    assert goals.loc["Kab. Kepulauan Talaud", "budget_target_rp"] == 1_500_000_000
    assert goals.loc["Univ. Binaniaga", ["trainees_target", "villages_target"]].tolist() == [25, 0]

    again = TARGETS.replace(",60,40", ",75,40")
    assert apply("target", again) == {"added": 0, "changed": 2}
    assert targets.registry_targets(viewer=ADMIN, year=2026)["trainees_target"].max() == 75
    assert apply("mitra", PARTNERS.replace("Ibu Sari", "Bapak Yos")) == {"added": 0, "changed": 2}
    assert registry.registry_partners(viewer=ADMIN)["contact_name"].iloc[0] == "Bapak Yos"
    entries = audit.audit_entries(viewer=ADMIN, action="import_registry")
    assert len(entries) == 7


def test_one_refused_row_refuses_the_whole_file(areas):
    apply("mitra", PARTNERS)
    broken = TARGETS + "32.12,2026,100000000,10,5\n"  # Indramayu is not registered
    got = read("target", broken)
    with pytest.raises(RegistryRefused, match=r"^Baris 4: kode mitra 32.12 belum terdaftar"):
        registry_import.import_registry(
            viewer=ADMIN, kind="target", records=got.records, file_name="t.csv"
        )
    assert (targets.registry_targets(viewer=ADMIN, year=2026)["version"] == 0).all()
    too_many = TARGETS.replace(",60,40", ",60,400")  # Talaud has 153 desa/kelurahan
    with pytest.raises(RegistryRefused, match="Baris 2: Target desa \\(400\\) melebihi"):
        apply("target", too_many)
    renewal = MOUS.replace("NK.16/KA/2023\n", "NK.99/KA/2020\n")
    with pytest.raises(RegistryRefused, match="Baris 3: MoU yang diperpanjang, NK.99/KA/2020"):
        apply("mou", renewal)
    assert agreements.agreements_of(viewer=ADMIN, partner_id=1).empty


def test_unreadable_cells_are_listed_by_row_and_column():
    got = read(
        "mou",
        "kode_mitra,nomor,tanggal_tanda_tangan,berlaku_sampai,ruang_lingkup\n"
        "71.04,NK.1,31/02/2026,01/01/2030,DIKLAT_CPMI\n"
        "71.04,,01/01/2026,01/01/2030,SENAM\n",
    )
    assert got.records == []
    assert {(row, column) for row, column, _ in got.problems} == {
        (2, "tanggal_tanda_tangan"), (3, "nomor"), (3, "ruang_lingkup"),
    }  # the optional columns (document link, renewal) may be left out  # fmt: skip
    missing = read("pks", "nomor,judul\nA,B\n")
    assert missing.problems == [
        (1, "nomor_mou, ruang_lingkup, tanggal_tanda_tangan, berlaku_sampai",
         "kolom ini tidak ada; pakai templat")
    ]  # fmt: skip


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_template_reads_back_as_one_record(kind):
    headers, rows = read_table(f"templat_{kind}.csv", template_csv(KINDS[kind]))
    got = read_rows(KINDS[kind], headers, rows)
    assert got.problems == [] and len(got.records) == 1


@given(st.lists(st.lists(st.one_of(st.text(max_size=30), st.integers(), st.none()),
                         max_size=8), max_size=5))  # fmt: skip
def test_any_cells_give_records_or_sentences_never_an_exception(cells):
    for kind in KINDS.values():
        headers = [f.name for f in kind.fields]
        got = read_rows(kind, headers, list(enumerate(cells, start=2)))
        assert len(got.records) + len({p[0] for p in got.problems}) == len(cells)


def test_only_admins_import_and_a_file_has_a_size(areas):
    records = read("target", TARGETS).records
    for role, partner in (("pimpinan", None), ("verifikator", None), ("mitra", 1)):
        with pytest.raises(AccessDenied):
            registry_import.import_registry(viewer=Viewer(role, partner, role), kind="target",
                                            records=records, file_name="t.csv")  # fmt: skip
    many = [dict(records[0], row=n) for n in range(registry_import.MAX_RECORDS + 1)]
    with pytest.raises(RegistryRefused, match="paling banyak 5000 baris"):
        registry_import.import_registry(
            viewer=ADMIN, kind="target", records=many, file_name="t.csv"
        )


def test_the_file_tab_reads_shows_and_imports(areas):
    apply("mitra", PARTNERS)
    account = {"username": "admin", "full_name": "Admin", "role": "admin", "partner_id": None}
    at = open_page(start(account=account), "pages/registri_mitra.py")
    at.selectbox(key="w_registry_file_kind").set_value("target").run()
    bad = TARGETS.replace("60", "enam puluh")
    at.file_uploader(key="w_registry_file_target_0").set_value(
        ("t.csv", bad.encode(), "text/csv")
    ).run()
    assert "1 sel tidak dapat dibaca; tidak ada yang diimpor." in texts(at)
    at.file_uploader(key="w_registry_file_target_0").set_value(
        ("t.csv", TARGETS.encode(), "text/csv")
    ).run()
    assert "Berkas ini berisi 2 baris yang dapat dibaca." in texts(at)
    at = next(b for b in at.button if b.label == "Impor 2 baris").click().run()
    assert "Berkas diimpor: 2 baru, 0 diperbarui." in texts(at)
    assert not at.exception
    assert (targets.registry_targets(viewer=ADMIN, year=2026)["version"] == 1).all()
