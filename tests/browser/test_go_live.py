"""From an empty PostgreSQL database to real use in a browser, as the README's "Go live"
section describes it: first admin, area list, partner, MoU and PKS, its yearly targets,
accounts with one-time passwords, a quarterly report sent and approved, figures and a
briefing without demo label."""

from __future__ import annotations

import csv
import io

import pytest

from seed_data.areas import SAMPLE
from tests.browser.conftest import start_app, stop_app
from tests.conftest import create_pg_database, drop_pg_database

STRONG = {
    "kepala": "Rembulan-di-Atas-Lorok",
    "op.talaud": "Nyiur-Melambai-di-Talaud",
    "verifikator.satu": "Timbangan-Yang-Adil-2026",
}
UPLOAD = '[data-testid="stFileUploader"]:visible input[type="file"]'
REPORT = (
    "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    '71.04,2026,3,APBD,"Rp400.000.000","Rp90.000.000",40\n'
)


pytestmark = pytest.mark.postgresql


@pytest.fixture
def empty_app(monkeypatch):
    name, url = create_pg_database("golive")
    monkeypatch.setenv("LOAD_DEMO_DATA", "false")
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SESSION_SECRET", "go-live-" + "x" * 40)
    app = start_app(url)
    yield app
    stop_app(app)
    drop_pg_database(name)


class Form:
    """Streamlit widgets found by their visible label (hidden tabs are skipped)."""

    def __init__(self, tab):
        self.tab, self.page = tab, tab.page

    def text(self, label: str, value: str, nth: int = 0) -> None:
        self.page.locator(f'input[aria-label="{label}"]:visible').nth(nth).fill(value)

    def choose(self, label: str, typed: str, nth: int = 0) -> None:
        box = self.page.locator('[data-testid="stSelectbox"]:visible').filter(has_text=label)
        box.nth(nth).locator("input").fill(typed)
        self.page.keyboard.press("Enter")

    def pick(self, label: str, option: str) -> None:
        box = self.page.locator('[data-testid="stButtonGroup"]:visible').filter(has_text=label)
        box.first.get_by_role("button", name=option).click()

    def day(self, label: str, value: str, nth: int = 0) -> None:
        """Type dd/mm/yyyy into a date field's day, month and year segments."""
        box = self.page.locator('[data-testid="stDateInput"]:visible').filter(has_text=label)
        box.nth(nth).locator('[role="spinbutton"]').first.click()
        self.page.keyboard.type(value.replace("/", ""))
        self.page.keyboard.press("Tab")

    def press(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()
        self.tab.wait_idle()

    def tab_(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()
        self.page.wait_for_timeout(300)

    def body(self) -> str:
        return self.page.inner_text("body")

    def one_time_password(self) -> str:
        return self.page.locator('[data-testid="stCode"] code').last.inner_text().strip()


def sign_out(tab) -> None:
    tab.sign_out()


def first_sign_in(tab, form: Form, username: str, one_time: str) -> None:
    """Sign in with a one-time password and replace it."""
    tab.sign_in(username, one_time)
    assert "Ganti kata sandi" in form.body()
    form.text("Kata sandi sekarang", one_time)
    form.text("Kata sandi baru", STRONG[username])
    form.text("Ulangi kata sandi", STRONG[username])
    form.press("Simpan kata sandi")
    assert "Ganti kata sandi" not in tab.page.locator("h1").first.inner_text()


def test_from_an_empty_database_to_a_briefing(empty_app, tab_factory, tmp_path):
    tab = tab_factory(empty_app.url, (1280, 900))
    page = tab.open("", username=None)
    form = Form(tab)
    assert page.locator("h1").first.inner_text() == "Penyiapan: admin pertama"
    form.text("Nama pengguna", "kepala")
    form.text("Nama lengkap", "Kepala Pusat Data")
    form.text("Kata sandi", STRONG["kepala"])
    form.text("Ulangi kata sandi", STRONG["kepala"])
    form.press("Buat admin pertama")
    assert "Admin pertama kepala dibuat." in form.body()
    tab.sign_in("kepala", STRONG["kepala"])
    assert "Langkah berikutnya: muat daftar wilayah" in form.body()
    assert "Data contoh" not in form.body()

    tab.go("Registri Mitra")
    page.locator(UPLOAD).set_input_files(str(SAMPLE))
    tab.wait_idle()
    assert "Berkas ini menambah 4.661 kode" in form.body()
    form.text("Dasar hukum daftar ini", "Kepmendagri 300.2.2-2138/2025")
    form.press("Muat daftar wilayah")
    assert "Daftar wilayah dimuat: 4.661 kode baru" in form.body()
    tab.screenshot("go_live_areas", full_page=False)

    form.tab_("Mitra")
    form.choose("Kabupaten/kota", "71.04")
    form.text("Nama resmi", "Pemerintah Kabupaten Kepulauan Talaud")
    form.text("Nama singkat", "Kab. Kepulauan Talaud")
    form.text("Narahubung", "Kepala Bidang Penempatan")
    form.text("Surel narahubung", "disnaker@talaudkab.go.id")
    form.text("Lintang", "4.31")
    form.text("Bujur", "126.78")
    form.press("Simpan mitra")
    assert "Mitra Kab. Kepulauan Talaud disimpan." in form.body()

    form.tab_("MoU & PKS")
    form.text("Nomor", "NK.16/KA/2023")
    form.day("Ditandatangani", "01/03/2023")
    form.day("Berlaku s.d.", "28/02/2028")
    form.pick("Ruang lingkup", "Pendidikan dan pelatihan CPMI")
    form.press("Simpan MoU")
    assert "MoU NK.16/KA/2023 disimpan." in form.body()
    form.text("Nomor", "PKS.16.1/2023", nth=1)
    form.text("Judul", "PKS Pendidikan dan Pelatihan CPMI")
    form.day("Ditandatangani", "01/06/2023", nth=1)
    form.day("Berlaku s.d.", "01/06/2027", nth=1)
    form.press("Simpan PKS")
    assert "PKS PKS.16.1/2023 disimpan." in form.body()

    form.tab_("Target Tahunan")  # this year's targets: the indicators measure against them
    form.text("Target anggaran", "1500000000")
    form.text("Target peserta", "60")
    form.text("Target desa", "200")  # more than Talaud's 153 desa/kelurahan
    form.press("Simpan target")
    assert "Target desa (200) melebihi jumlah desa/kelurahan wilayah mitra (153)." in form.body()
    form.text("Target desa", "40")
    form.press("Simpan target")
    assert "Target 2026 untuk Kab. Kepulauan Talaud disimpan." in form.body()
    assert "1 dari 1 mitra memiliki target untuk 2026." in form.body()

    form.tab_("Akun Petugas")
    form.text("Nama pengguna", "verifikator.satu")
    form.text("Nama lengkap", "Verifikator Satu")
    form.press("Buat akun dengan kata sandi sekali pakai")
    verifier_once = form.one_time_password()
    tab.go("Profil Mitra")
    form.text("Nama pengguna", "op.talaud")
    form.text("Nama lengkap", "Operator Talaud")
    form.press("Buat akun dengan kata sandi sekali pakai")
    operator_once = form.one_time_password()
    assert operator_once != verifier_once and len(operator_once) >= 12
    sign_out(tab)

    first_sign_in(tab, form, "op.talaud", operator_once)
    tab.go("Pelaporan")
    report = tmp_path / "anggaran.csv"
    report.write_text(REPORT)
    page.locator(UPLOAD).first.set_input_files(str(report))
    tab.wait_idle()
    form.press("Impor sekarang")
    form.press("Kirim laporan untuk verifikasi")
    assert "Laporan terkirim untuk verifikasi." in form.body()
    sign_out(tab)

    first_sign_in(tab, form, "verifikator.satu", verifier_once)
    tab.go("Pelaporan")
    form.choose("Tahun laporan", "2026")
    tab.wait_idle()
    form.press("Setujui")
    assert "Laporan disetujui dan kini terkunci." in form.body()
    sign_out(tab)

    tab.sign_in("kepala", STRONG["kepala"])  # leadership's view: the pages open on TW III 2026
    assert "22,5%" in form.body()  # Ringkasan: serapan Rp90 juta of Rp400 juta
    tab.go("Anggaran & Pelatihan")  # its table's download holds every column
    path, _ = tab.download(page.get_by_role("button", name="Unduh CSV").first)
    rows = list(csv.reader(open(path, encoding="utf-8-sig"), delimiter=";"))
    talaud = dict(zip(next(r for r in rows if "Target peserta" in r), rows[-1], strict=False))
    assert talaud["Target peserta"] == "60" and talaud["Sumber target"] == "Registri"
    assert talaud["Target anggaran"] == "1500000000"
    tab.go("Perbandingan Mitra")
    assert "Pemerintah Daerah (1)" in form.body()
    cells = page.locator('[data-testid="stDataFrame"] [role="gridcell"]').all_inner_texts()
    assert "Kab. Kepulauan Talaud" in cells
    tab.go("Bahan Paparan")
    from pptx import Presentation

    path, _ = tab.download(page.get_by_role("button", name="Unduh PowerPoint"))
    deck = Presentation(io.BytesIO(open(path, "rb").read()))
    words = " ".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "contoh" not in words.lower()
    assert "Data per 30 September 2026" in words  # dated like the pages, not "–"
    assert "Kab. Kepulauan Talaud" in words
    tab.screenshot("go_live_briefing", full_page=False)
    assert tab.exceptions() == [] and tab.outside == []
