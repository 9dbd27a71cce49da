"""The registry page from an empty database, as an admin uses it: the checklist, the area
list, a partner, its MoU and PKS, a verifier's account; other roles never see it."""

from datetime import date

import pytest

from core.figures.periods import today
from data_access.accounts import first_run
from data_access.figures import partners
from data_access.registry import agreements, targets
from data_access.store.access import Viewer
from seed_data.areas import SAMPLE
from tests.apptest import open_page, start, texts

PAGE = "pages/registri_mitra.py"
ADMIN = Viewer("admin", None, "kepala")
KEPALA = {"username": "kepala", "full_name": "Kepala Data", "role": "admin", "partner_id": None}


@pytest.fixture
def empty(no_demo_database):
    first_run.create_first_admin(
        username="kepala", full_name="Kepala Data", password="Rembulan-di-Atas-Lorok"
    )
    return no_demo_database


def click(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def test_an_admin_sets_up_the_registry_from_nothing(empty):
    at = open_page(start(account=KEPALA), PAGE)
    assert not at.exception
    assert at.expander[0].label == "Penyiapan: 0 dari 8 langkah selesai"
    assert "Muat daftar wilayah Kemendagri terlebih dahulu" in texts(at)

    at.file_uploader[0].set_value(("wilayah.csv", SAMPLE.read_bytes(), "text/csv")).run()
    assert "Berkas ini menambah 4.661 kode, mengganti nama 0 kode" in texts(at)
    at = click(at, "Muat daftar wilayah")
    assert "Tulis dasar hukum daftar ini" in " ".join(e.value for e in at.error)
    at.file_uploader[0].set_value(("wilayah.csv", SAMPLE.read_bytes(), "text/csv")).run()
    at.text_input(key="w_areas_version").input("Kepmendagri 300.2.2-2138/2025")
    at = click(at, "Muat daftar wilayah")
    assert "Daftar wilayah dimuat: 4.661 kode baru" in texts(at)
    assert at.expander[0].label == "Penyiapan: 1 dari 8 langkah selesai"

    new = "__baru___None"  # a new partner's form: no saved version yet
    at.selectbox(key=f"w_rp_area_code_{new}").set_value("71.04")
    at.text_input(key=f"w_rp_name_{new}").input("Pemerintah Kabupaten Kepulauan Talaud")
    at.text_input(key=f"w_rp_short_name_{new}").input("Kab. Kepulauan Talaud")
    at.text_input(key=f"w_rp_contact_email_{new}").input("bukan surel")
    at = click(at, "Simpan mitra")
    errors = " ".join(e.value for e in at.error)
    assert "Surel narahubung tidak berbentuk nama@domain" in errors
    assert partners.list_partners(viewer=Viewer("admin", None, "kepala")).empty
    at.text_input(key=f"w_rp_contact_email_{new}").input("disnaker@talaudkab.go.id")
    at.number_input(key=f"w_rp_lat_{new}").set_value(4.31)
    at.number_input(key=f"w_rp_lon_{new}").set_value(126.78)
    at = click(at, "Simpan mitra")
    assert "Mitra Kab. Kepulauan Talaud disimpan." in texts(at)
    listed = partners.list_partners(viewer=Viewer("admin", None, "kepala"))
    assert list(listed["code"]) == ["71.04"]  # the Kemendagri code, filled in

    at.text_input(key="w_rm_number_1_new").input("NK.16/KA/2023")
    at.date_input(key="w_rm_signed_1_new").set_value(date(2023, 3, 1))
    at.date_input(key="w_rm_until_1_new").set_value(date(2028, 2, 29))
    at.button_group(key="w_rm_scopes_1_new").set_value(["DIKLAT_CPMI", "SOSIALISASI"])
    at.text_input(key="w_rm_url_1_new").input("javascript:alert(1)")
    at = click(at, "Simpan MoU")
    assert "Tautan dokumen harus alamat web" in " ".join(e.value for e in at.error)
    at.text_input(key="w_rm_url_1_new").input("https://jdih.example.go.id/nk16.pdf")
    at = click(at, "Simpan MoU")
    assert "MoU NK.16/KA/2023 disimpan." in texts(at)
    at.text_input(key="w_rk_number_1_new").input("PKS.16.1/2023")
    at.text_input(key="w_rk_title_1_new").input("PKS Pendidikan dan Pelatihan CPMI")
    at.date_input(key="w_rk_signed_1_new").set_value(date(2023, 6, 1))
    at.date_input(key="w_rk_until_1_new").set_value(date(2026, 6, 1))
    at = click(at, "Simpan PKS")
    assert "PKS PKS.16.1/2023 disimpan." in texts(at)
    assert at.text_input(key="w_rk_number_1_new").value == ""  # ready for the next one

    at.selectbox(key="w_rm_which_1").set_value(1).run()  # correct the MoU's end date
    assert at.text_input(key="w_rm_number_1_1_1").value == "NK.16/KA/2023"
    at.date_input(key="w_rm_until_1_1_1").set_value(date(2028, 3, 31))
    at = click(at, "Simpan MoU")
    assert "MoU NK.16/KA/2023 disimpan." in texts(at)
    assert at.date_input(key="w_rm_until_1_1_2").value == date(2028, 3, 31)
    assert agreements.agreements_of(viewer=ADMIN, partner_id=1)["version"].tolist() == [2]

    suffix = "1_PEMBERANTASAN_SINDIKAT|satgas_tppo_None"
    at.selectbox(key=f"w_ft_status_{suffix}").set_value("selesai")
    at.date_input(key=f"w_ft_due_{suffix}").set_value(date(2024, 6, 30))
    at = click(at, "Simpan butir")
    assert "Butir yang selesai perlu tanggal selesainya." in " ".join(e.value for e in at.error)
    at.date_input(key=f"w_ft_done_{suffix}").set_value(date(2024, 5, 2))
    at.text_area(key=f"w_ft_note_{suffix}").input("SK Bupati <b>12</b>/2024")
    at = click(at, "Simpan butir")
    assert "Butir Satgas TPPO dibentuk disimpan." in texts(at)
    assert at.expander[0].label == "Penyiapan: 5 dari 8 langkah selesai"

    year = today().year
    assert f"0 dari 1 mitra memiliki target untuk {year}." in texts(at)
    form = f"1_{year}_0"  # partner 1, this year, no target yet
    at.number_input(key=f"w_tg_budget_{form}").set_value(1_250_000_000)
    at.number_input(key=f"w_tg_trainees_{form}").set_value(120)
    at.number_input(key=f"w_tg_villages_{form}").set_value(500)
    at = click(at, "Simpan target")
    errors = " ".join(e.value for e in at.error)
    assert "Target desa (500) melebihi jumlah desa/kelurahan wilayah mitra (153)." in errors
    assert targets.registry_targets(viewer=ADMIN, year=year)["version"].tolist() == [0]
    at.number_input(key=f"w_tg_villages_{form}").set_value(60)
    at = click(at, "Simpan target")
    assert f"Target {year} untuk Kab. Kepulauan Talaud disimpan." in texts(at)
    saved = targets.registry_targets(viewer=ADMIN, year=year).iloc[0]
    assert (saved["budget_target_rp"], saved["trainees_target"], saved["villages_target"]) == (
        1_250_000_000,
        120,
        60,
    )
    assert f"1 dari 1 mitra memiliki target untuk {year}." in texts(at)
    assert at.expander[0].label == "Penyiapan: 6 dari 8 langkah selesai"

    at.text_input(key="w_account_user").input("verifikator.satu")
    at.text_input(key="w_account_name").input("Verifikator Satu")
    at.selectbox(key="w_account_role").set_value("verifikator")
    at = click(at, "Buat akun dengan kata sandi sekali pakai")
    assert len(at.code) == 1 and len(at.code[0].value) >= 12
    assert at.expander[0].label == "Penyiapan: 7 dari 8 langkah selesai"  # no operator yet
    assert not at.exception


@pytest.mark.parametrize("role", ["pimpinan", "verifikator", "mitra"])
def test_only_admins_open_the_registry(database_url, role):
    at = start(role)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)  # not in this role's navigation, so no address opens it


@pytest.mark.parametrize(
    "page", ["pages/ringkasan.py", "pages/perbandingan_mitra.py", "pages/cakupan_sosialisasi.py"]
)
def test_pages_of_an_empty_registry_say_what_to_do_next_and_who_does_it(empty, page):
    at = open_page(start(account=KEPALA), page)
    assert not at.exception
    assert "Langkah berikutnya: muat daftar wilayah" in texts(at)
    assert "Ubah" not in texts(at)  # never "change the filters" when nothing exists
    leader = {"username": "p", "full_name": "P", "role": "pimpinan", "partner_id": None}
    at = open_page(start(account=leader), page)
    assert "Admin mendaftarkan mitra di halaman Registri Mitra" in texts(at)


def test_an_edit_on_an_outdated_form_is_refused_and_the_form_shows_the_saved_record(
    database_url,
):
    def editor():
        at = open_page(start("admin"), PAGE)
        at.selectbox(key="w_registry_partner").set_value(16).run()
        return at

    first, second = editor(), editor()
    first.text_input(key="w_rp_contact_name_16_1").input("Ibu Sari")
    first = click(first, "Simpan mitra")
    assert "Mitra Kab. Kepulauan Talaud disimpan." in texts(first)
    second.text_input(key="w_rp_contact_name_16_1").input("Bapak Yos")
    second = click(second, "Simpan mitra")
    assert any("baru saja diubah orang lain" in e.value for e in second.error)
    assert second.text_input(key="w_rp_contact_name_16_2").value == "Ibu Sari"
