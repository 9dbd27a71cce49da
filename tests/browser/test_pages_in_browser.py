"""What only a real browser shows: pages render offline, navigation and row selection work."""

import pytest

PAGES = [
    ("Ringkasan", "Ringkasan Pelaksanaan Nota Kesepahaman"),
    ("Nota Kesepahaman", "Nota Kesepahaman dan PKS"),
    ("Anggaran & Pelatihan", "Anggaran & Pelatihan CPMI"),
    ("Cakupan Sosialisasi", "Cakupan Sosialisasi"),
    ("Perbandingan Mitra", "Perbandingan Mitra"),
    ("Bahan Paparan", None),
    ("Profil Mitra", None),
    ("Penilaian Mandiri", "Penilaian Mandiri"),
    ("Hasil Penilaian", "Hasil Penilaian Mandiri"),
]


@pytest.fixture
def app(app_factory):
    return app_factory()


def test_every_page_renders_offline_without_errors(app, tab_factory):
    tab = tab_factory(app.url)
    page = tab.open("", username=None)
    assert page.locator("h1").first.inner_text() == "Masuk"
    tab.screenshot("masuk")
    tab.sign_in("pimpinan", "contoh-pimpinan")
    for link, title in PAGES:
        page = tab.go(link)
        if title:
            assert page.locator("h1").first.inner_text() == title, link
        assert tab.exceptions() == [], link
        assert "Data contoh" in page.inner_text("body")
        tab.screenshot(link.lower().replace(" & ", "_").replace(" ", "_"))
    assert tab.outside == []


def test_a_link_to_a_partner_profile_opens_it_after_sign_in(app, tab_factory):
    tab = tab_factory(app.url)
    tab.open("")  # the server has seen its first session
    page = tab.open("profil_mitra?mitra=71.04")
    assert page.locator("h1").first.inner_text() == "Pemerintah Kabupaten Kepulauan Talaud"
    assert tab.exceptions() == []


def test_signing_out_and_a_wrong_password(app, tab_factory):
    tab = tab_factory(app.url)
    page = tab.open("")
    tab.sign_out()
    assert page.locator("h1").first.inner_text() == "Masuk"
    tab.sign_in("pimpinan", "bukan-sandinya")
    assert "kata sandi salah" in page.inner_text("body")
    tab.sign_in("mitra-3212", "contoh-mitra-3212")
    assert page.locator("h1").first.inner_text() == "Beranda Pemerintah Kabupaten Indramayu"
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.count() == 0 or "Perbandingan" not in nav.inner_text()


def test_first_request_straight_to_a_page_opens_that_page(app, tab_factory):
    tab = tab_factory(app.url)
    page = tab.open("cakupan_sosialisasi")
    assert page.locator("h1").first.inner_text() == "Cakupan Sosialisasi"
    assert tab.exceptions() == []
    nav = page.locator('[data-testid="stSidebarNav"]')
    # The app's own navigation with its titles and icons (a font glyph: no emoji).
    assert nav.locator("a").first.inner_text().endswith("Ringkasan")
    assert nav.locator('[data-testid="stIconMaterial"]').count() >= 10


def test_choosing_a_row_opens_the_partner_profile(app, tab_factory):
    tab = tab_factory(app.url)
    page = tab.open("perbandingan_mitra")
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    # The first column of the grid is the row selector; the first data row sits under the header.
    page.mouse.click(box["x"] + 14, box["y"] + 36 + 18)
    tab.wait_idle()
    page.wait_for_selector("h1:has-text('Pemerintah Kabupaten Indramayu')", timeout=30_000)
    assert page.url.endswith("/profil_mitra?mitra=32.12")  # an address to share
    assert tab.exceptions() == []


def test_language_switch_changes_the_whole_interface(app, tab_factory):
    tab = tab_factory(app.url)
    page = tab.open("")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="English").click()
    tab.wait_idle()
    assert page.locator("h1").first.inner_text() == "MoU Implementation Overview"
    assert "Demo data" in page.inner_text("body")
    # Moving through the navigation keeps the session, its language and its filters.
    tab.go("Budget & Training")
    assert page.locator("h1").first.inner_text() == "Budget & CPMI Training"
    assert "Period: Q1–Q4 2025" in page.inner_text("body")


def test_a_leader_walks_from_overview_to_a_laggard_and_back_to_the_league(app, tab_factory):
    tab = tab_factory(app.url)
    page = tab.open("")
    assert "Mitra paling tertinggal" in page.inner_text("body")
    # The first table on the overview lists the partners furthest behind, worst first.
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 36 + 18)
    tab.wait_idle()
    page.wait_for_selector("h1:has-text('STIKes Mitra Husada Medan')", timeout=30_000)
    assert "Butir tindak lanjut" in page.inner_text("body")
    tab.go("Perbandingan Mitra")
    assert page.locator("h1").first.inner_text() == "Perbandingan Mitra"
    assert "Periode: TW I–IV 2025" in page.inner_text("body")
    assert tab.exceptions() == [] and tab.outside == []


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script> [klik](javascript:alert(3))'


def test_a_partners_typed_markup_never_runs_in_the_verifiers_browser(app, tab_factory):
    dialogs = []
    tab = tab_factory(app.url)
    page = tab.open("penilaian_mandiri", username="mitra-7104", password="contoh-mitra-7104")
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    assert page.locator("h1").first.inner_text() == "Penilaian Mandiri"
    for n, box in enumerate(page.locator("textarea").all()):
        box.fill(HOSTILE if n == 0 else "Bukti terlampir")
    for group in page.locator('[data-testid="stRadio"]').all():
        tab.choose(group, 2)
    page.get_by_role("button", name="Kirim untuk verifikasi").click()
    tab.wait_idle()
    assert "Penilaian terkirim untuk verifikasi." in page.inner_text("body")
    tab.screenshot("penilaian_terkirim")

    reviewer = tab_factory(app.url)
    page = reviewer.open("penilaian_mandiri", username="verifikator", password="contoh-verifikator")
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Mitra").last.click()
    page.get_by_role("option", name="Kab. Kepulauan Talaud").first.click()
    reviewer.wait_idle()
    assert HOSTILE in page.inner_text("body")  # shown as the characters typed
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    reviewer.screenshot("verifikasi")
    assert dialogs == [] and tab.outside == [] and reviewer.outside == []


def test_an_admin_imports_a_file_after_fixing_what_the_report_says(app, tab_factory, tmp_path):
    header = "kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    bad = tmp_path / "anggaran.csv"
    bad.write_text(
        header + '32.12,2026,1,APBD,"Rp1.250.000",10,5\nKab. Bandung,2026,1,APBD,1,1,1\n'
    )
    good = tmp_path / "anggaran_baik.csv"
    good.write_text(
        header + '32.12,2026,1,APBD,"Rp1.250.000",10,5\n3209,2026,TW I,APBD,"2 juta",0,5\n'
    )
    tab = tab_factory(app.url)
    page = tab.open("impor_data", username="admin", password="contoh-admin")
    assert page.locator("h1").first.inner_text() == "Impor Data"
    page.locator('input[type="file"]').set_input_files(str(bad))
    tab.wait_idle()
    body = page.inner_text("body")
    assert "Tidak ada yang diimpor: 1 baris perlu diperbaiki" in body
    assert "Unduh CSV" in body  # the report table (drawn on a canvas) and its download
    tab.screenshot("impor_laporan")
    page.locator('input[type="file"]').set_input_files(str(good))
    tab.wait_idle()
    assert "Baris baru" in page.inner_text("body")
    page.get_by_role("button", name="Impor sekarang").click()
    tab.wait_idle()
    assert "Impor selesai: 2 baris baru, 0 berubah, 0 sama." in page.inner_text("body")
    changed = tmp_path / "anggaran_ubah.csv"
    changed.write_text(header + '32.12,2026,1,APBD,"Rp1.300.000",10,5\n')
    page.locator('input[type="file"]').set_input_files(str(changed))
    tab.wait_idle()
    assert "Baris yang akan berubah" in page.inner_text("body")
    tab.screenshot("impor_pratinjau")
    assert tab.exceptions() == [] and tab.outside == []


def test_the_briefing_downloads_as_a_deck_and_presents_full_screen(app, tab_factory):
    from pptx import Presentation

    tab = tab_factory(app.url)
    page = tab.open("bahan_paparan")
    path, _ = tab.download(page.get_by_role("button", name="Unduh PowerPoint"))
    deck = Presentation(path)
    assert len(deck.slides) == 9
    assert any(shape.has_chart for shape in deck.slides[2].shapes)
    assert tab.exceptions() == [] and tab.outside == []


def test_a_database_outage_shows_a_sentence_not_a_traceback(tab_factory):
    """A server whose database cannot be reached: the first screen says so in a sentence,
    without a traceback, a host or a path."""
    from tests.browser.conftest import start_app, stop_app

    app = start_app("postgresql+psycopg://postgres@127.0.0.1:1/tidak_ada")
    try:
        tab = tab_factory(app.url)
        page = tab.open("ringkasan", username=None)
        body = page.inner_text("body")
        assert "Basis data tidak dapat dibuka" in body
        assert "Traceback" not in body and "127.0.0.1" not in body and ".py" not in body
        assert tab.exceptions() == [] and tab.outside == []
        tab.screenshot("basis_data_mati")
    finally:
        stop_app(app)


def test_an_office_workbook_is_mapped_and_imported(app, tab_factory, tmp_path):
    """The office's workbook: its sheet chosen, one column mapping changed, the quarter its
    title does not name set once, the preview read, the import made."""
    from tests.test_column_mapping import office_workbook

    workbook = tmp_path / "laporan_tw2.xlsx"
    workbook.write_bytes(office_workbook(period="Tahun Anggaran 2026"))
    tab = tab_factory(app.url)
    page = tab.open("impor_data", username="admin", password="contoh-admin")
    page.locator('input[type="file"]').set_input_files(str(workbook))
    tab.wait_idle()
    assert "Bila tabelnya ada di lembar lain" in page.inner_text("body")  # the cover sheet

    def choose(label: str, option: str, nth: int = 0) -> None:
        box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
        box.filter(has_text=label).nth(nth).click()
        page.get_by_role("option", name=option, exact=True).click()
        tab.wait_idle()

    def shown(label: str) -> str:
        return page.locator(f'[data-testid="stMain"] input[aria-label="{label}"]').input_value()

    choose("Lembar kerja", "TW II")
    assert "Kolom 2: Kode Wil." in shown("Kode mitra")  # suggested
    assert "Kolom 5: Alokasi" in shown("Pagu")
    assert "No, Kab/Kota, Ket." in page.inner_text("body")  # listed as ignored
    choose("Kode mitra", "Kolom 3: Kab/Kota")  # the partner by its name instead
    assert "No, Kode Wil., Ket." in page.inner_text("body")
    choose("Triwulan", "TW II", nth=1)  # for the whole file: the title names the year only
    tab.screenshot("impor_pemetaan")
    body = page.inner_text("body")
    assert "Baris baru" in body and "baris 9 (JUMLAH)" in body
    page.get_by_text("Saya sudah memeriksa peringatan").click()
    tab.wait_idle()
    page.get_by_role("button", name="Impor sekarang").click()
    tab.wait_idle()
    assert "Impor selesai: 2 baris baru" in page.inner_text("body")
    assert tab.exceptions() == [] and tab.outside == []
