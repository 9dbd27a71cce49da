"""The operator, the verifier and the presenter at work in a real browser, on a laptop screen
(1280×720) and a phone (390×844); screenshots of each step go to screenshots/."""

import pytest

from core.imports.importing import KINDS, check, read_table
from data_access.imports import imports
from data_access.reporting import submissions
from data_access.store.access import Viewer

SIZES = {"laptop": (1280, 720), "phone": (390, 844)}
OPERATOR = Viewer("mitra", 16, "mitra-7104")  # Kab. Kepulauan Talaud
# The app runs on 27 November 2026: TW III 2026 is the report that is due (15 October).
DRAFT = (
    b"kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
    b'71.04,2026,3,APBD,"Rp400.000.000","Rp90.000.000",40\n'
)


@pytest.fixture
def draft(database_url, monkeypatch):
    """Talaud's operator has uploaded its TW III 2026 budget, not yet sent."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-11-27")
    headers, rows = read_table("anggaran.csv", DRAFT)
    result = check(KINDS["anggaran"], headers, rows, imports.lookups(viewer=OPERATOR))
    imports.apply(
        viewer=OPERATOR, kind="anggaran", records=result.records, file_name="a.csv",
        file_bytes=DRAFT,
    )  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_the_operator_sees_the_due_report_and_its_rows_then_sends_it(
    draft, app_factory, tab_factory, size
):
    app = app_factory()
    tab = tab_factory(app.url, SIZES[size])
    page = tab.open("pelaporan", username="mitra-7104", password="contoh-mitra-7104")
    body = page.inner_text("body")
    assert "Laporan yang jatuh tempo: TW III 2026, tenggat 15 Oktober 2026" in body
    tab.screenshot(f"operator_draft_{size}", full_page=False)
    boxes = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
    quarter = boxes.filter(has_text="Triwulan").locator("input")
    assert quarter.input_value() == "TW III 2026" or "TW III 2026" in boxes.all_inner_texts()[1]
    assert "Anggaran (1 baris)" in body and "Rp400 juta" in body
    page.get_by_text("Anggaran (1 baris)").scroll_into_view_if_needed()
    tab.screenshot(f"operator_draft_rows_{size}", full_page=False)
    path, name = tab.download(page.get_by_role("button", name="Unduh templat").first)
    assert name == "templat_anggaran.xlsx"  # the template, from this page
    assert open(path, "rb").read(2) == b"PK"  # an XLSX (zip) file
    page.get_by_role("button", name="Kirim laporan untuk verifikasi").click()
    tab.wait_idle()
    body = page.inner_text("body")
    assert "Laporan terkirim untuk verifikasi." in body
    assert "Anggaran (1 baris)" in body  # the same view after sending
    tab.screenshot(f"operator_sent_{size}", full_page=False)
    assert tab.exceptions() == [] and tab.outside == []


@pytest.mark.parametrize("size", SIZES)
def test_the_verifier_sees_rows_totals_and_changes_before_the_buttons(
    draft, app_factory, tab_factory, size
):
    submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=3, expected_version=1)
    app = app_factory()
    tab = tab_factory(app.url, SIZES[size])
    page = tab.open("pelaporan", username="verifikator", password="contoh-verifikator")
    main = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
    year = main.filter(has_text="Tahun laporan")
    year.locator("input").click()
    page.get_by_role("option", name="2026").click()
    tab.wait_idle()
    body = page.inner_text("body")
    chosen = main.filter(has_text="Laporan").last.locator("input").input_value()
    assert chosen.startswith("Kab. Kepulauan Talaud · TW III 2026"), chosen
    assert "Dibanding triwulan lain" in body and "Anggaran (1 baris)" in body
    assert "Tidak ada data pelatihan dalam laporan ini." in body
    compare = page.get_by_text("Dibanding triwulan lain").bounding_box()
    approve = page.get_by_role("button", name="Setujui", exact=True).bounding_box()
    assert compare["y"] < approve["y"]  # the figures come before the decision
    page.get_by_text("Dibanding triwulan lain").scroll_into_view_if_needed()
    tab.screenshot(f"verifier_decision_{size}", full_page=False)
    assert tab.exceptions() == [] and tab.outside == []


@pytest.fixture
def returned_assessment(database_url):
    """Talaud's 2025 self-assessment came back: PS1 set from 3 to 1 with a note."""
    from core.assessment.instrument import load_instrument
    from data_access.assessment import assessment as a

    verifier = Viewer("verifikator", username="verifikator")
    answers = {
        code: a.Answer(level=3 if code == "PS1" else 2, evidence_text=f"Bukti {code}")
        for code in load_instrument().codes
    }
    version = a.save_draft(
        viewer=OPERATOR, partner_id=16, year=2025, answers=answers, expected_version=None
    )
    version = a.submit(viewer=OPERATOR, partner_id=16, year=2025, expected_version=version)
    a.review(
        viewer=verifier, partner_id=16, year=2025, expected_version=version, outcome="returned",
        reviews={"PS1": a.Review(level=1, note="SK satgas belum ditandatangani")},
        note="Lampirkan SK yang sudah ditandatangani.",
    )  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_a_returned_assessment_shows_the_finding_on_each_item(
    returned_assessment, app_factory, tab_factory, size
):
    app = app_factory()
    tab = tab_factory(app.url, SIZES[size])
    page = tab.open("penilaian_mandiri", username="mitra-7104", password="contoh-mitra-7104")
    body = page.inner_text("body")
    assert "Lampirkan SK yang sudah ditandatangani." in body
    assert "Verifikator menetapkan tingkat 1 (Anda memilih 3)" in body
    assert "SK satgas belum ditandatangani" in body
    page.get_by_text("Verifikator menetapkan tingkat 1").scroll_into_view_if_needed()
    tab.screenshot(f"assessment_returned_{size}", full_page=False)
    assert tab.exceptions() == [] and tab.outside == []


SCREENS = {"hd": (1280, 720), "full_hd": (1920, 1080)}


@pytest.mark.parametrize("screen", SCREENS)
def test_presentation_mode_shows_one_slide_per_screen_moved_by_keys(
    database_url, app_factory, tab_factory, screen
):
    app = app_factory()
    tab = tab_factory(app.url, SCREENS[screen])
    page = tab.open("bahan_paparan")
    page.get_by_text("Mode presentasi", exact=True).click()
    tab.wait_idle()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()

    def counter() -> str:
        return (
            page.locator('[data-testid="stCaptionContainer"]')
            .filter(has_text="Slide ")
            .first.inner_text()
        )  # noqa: E501

    def press(key: str) -> None:
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.keyboard.press(key)
        tab.wait_idle()

    total = int(counter().split()[-1])
    assert total == 9
    for n in range(1, total + 1):
        assert counter() == f"Slide {n} dari {total}"
        main = page.locator('[data-testid="stMain"]')
        height = main.evaluate("e => e.scrollHeight")
        assert height <= SCREENS[screen][1], f"slide {n} is {height} px tall"
        for interactive in ("stDownloadButton", "stDataFrame", "stFileUploader"):
            assert page.locator(f'[data-testid="{interactive}"]').count() == 0, (n, interactive)
        assert page.locator(".modebar-btn").count() == 0  # a still chart
        tab.screenshot(f"presentasi_{screen}_{n}", full_page=False)
        press("ArrowRight" if n % 2 else "PageDown")
    assert counter() == f"Slide 1 dari {total}"  # round to the first again
    press("ArrowLeft")
    assert counter() == f"Slide {total} dari {total}"
    press("PageUp")
    assert counter() == f"Slide {total - 1} dari {total}"
    assert tab.exceptions() == [] and tab.outside == []


def test_on_a_phone_the_sidebar_closes_after_moving_to_another_page(app_factory, tab_factory):
    app = app_factory()
    tab = tab_factory(app.url, SIZES["phone"])
    page = tab.open("")
    sidebar = page.locator('[data-testid="stSidebar"]')
    page.locator('[data-testid="stExpandSidebarButton"]').first.click()
    page.wait_for_timeout(800)
    assert sidebar.bounding_box()["x"] >= 0  # open over the page
    tab.go("Nota Kesepahaman")
    page.wait_for_timeout(800)
    box = sidebar.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # closed again
    assert page.locator("h1").first.inner_text() == "Nota Kesepahaman dan PKS"
    tab.screenshot("phone_after_navigation", full_page=False)


ENGLISH = ("Choose an option", "Drag and drop", "Browse files", "per file", "View ", "Upload")
ADMIN_PAGES = ("Ringkasan", "Nota Kesepahaman", "Anggaran & Pelatihan", "Cakupan Sosialisasi",
               "Perbandingan Mitra", "Bahan Paparan", "Profil Mitra", "Penilaian Mandiri",
               "Hasil Penilaian", "Pelaporan", "Kelengkapan Data", "Impor Data",
               "Jejak Audit")  # fmt: skip


def test_no_english_widget_text_in_the_indonesian_interface(app_factory, tab_factory):
    app = app_factory()
    tab = tab_factory(app.url, SIZES["laptop"])
    page = tab.open("", username="admin", password="contoh-admin")
    for title in ADMIN_PAGES:
        page = tab.go(title)
        body = page.inner_text("body")
        assert [w for w in ENGLISH if w in body] == [], title
    page = tab.go("Impor Data")
    written = page.evaluate(
        """() => getComputedStyle(document.querySelector(
             "[data-testid='stFileUploaderDropzoneInstructions'] div"), '::after').content"""
    )
    assert written == '"CSV atau XLSX, paling besar 20 MB per berkas"'
    assert tab.exceptions() == [] and tab.outside == []
