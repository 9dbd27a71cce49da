"""The home pages at work: a returned report is on the partner's home with the verifier's
note; the partner follows the button, sends the corrected report, and the verifier's home
shows it waiting."""

import pytest

from core.imports.importing import KINDS, check, read_table
from data_access.imports import imports
from data_access.reporting import submissions
from data_access.store.access import Viewer

OPERATOR = Viewer("mitra", 16, "mitra-7104")  # Kab. Kepulauan Talaud
VERIFIER = Viewer("verifikator", username="verifikator")
NOTE = "Realisasi TW III belum sesuai SP2D; perbaiki angkanya."


def _upload(realisasi: bytes) -> None:
    data = (
        b"kode_mitra,tahun,triwulan,sumber_dana,pagu,realisasi,target_peserta\n"
        b'71.04,2026,3,APBD,"Rp400.000.000","' + realisasi + b'",40\n'
    )
    headers, rows = read_table("anggaran.csv", data)
    result = check(KINDS["anggaran"], headers, rows, imports.lookups(viewer=OPERATOR))
    imports.apply(viewer=OPERATOR, kind="anggaran", records=result.records,
                  file_name="a.csv", file_bytes=data)  # fmt: skip


@pytest.fixture
def returned(database_url, monkeypatch):
    """Talaud sent its TW III 2026 report (due 15 October); the verifier returned it."""
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-11-27")
    _upload(b"Rp90.000.000")
    version = submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=3,
                                 expected_version=1)  # fmt: skip
    submissions.decide(viewer=VERIFIER, partner_id=16, year=2026, quarter=3,
                       expected_version=version, outcome="returned", note=NOTE)  # fmt: skip


def test_a_returned_report_goes_from_the_partners_home_back_to_the_verifier(
    returned, app_factory, tab_factory
):
    app = app_factory()
    tab = tab_factory(app.url, (1280, 720))
    page = tab.open("", username="mitra-7104", password="contoh-mitra-7104")
    assert page.locator("h1").first.inner_text() == "Beranda Pemerintah Kabupaten Kepulauan Talaud"
    body = page.inner_text("body")
    assert "Laporan TW III 2026 · dikembalikan untuk diperbaiki" in body
    assert NOTE in body and "terlambat 43 hari" in body
    assert "Jenis mitra" not in page.locator('[data-testid="stSidebar"]').inner_text()
    tab.screenshot("partner_home_returned", full_page=False)

    _upload(b"Rp95.000.000")  # the corrected file (the import itself is tested elsewhere)
    page.get_by_role("link", name="Buka laporan").first.click()
    tab.wait_idle()
    assert page.locator("h1").first.inner_text().startswith("Pelaporan")
    page.get_by_role("button", name="Kirim laporan untuk verifikasi").click()
    tab.wait_idle()
    assert "Laporan terkirim untuk verifikasi." in page.inner_text("body")
    tab.go("Beranda")
    assert "Laporan TW III 2026 · dikembalikan" not in page.inner_text("body")
    assert "dikirim, menunggu verifikasi" in page.inner_text("body")

    verifier = tab_factory(app.url, (1280, 720))
    page = verifier.open("beranda", username="verifikator", password="contoh-verifikator")
    assert page.locator("h1").first.inner_text() == "Menunggu keputusan"
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    verifier.screenshot("verifier_home", full_page=False)
    rows = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].length"""
    )
    assert rows == 1
    csv_path, _ = verifier.download(page.get_by_role("button", name="Unduh CSV").first)
    text = open(csv_path, encoding="utf-8-sig").read()
    last = [line for line in text.splitlines() if line.strip()][-1]
    assert last.startswith("Kab. Kepulauan Talaud;Laporan TW III 2026;")  # sent last, so last
    assert tab.exceptions() == [] and verifier.exceptions() == []
    assert tab.outside == [] and verifier.outside == []
