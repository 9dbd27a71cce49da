"""Every table fits the page on a laptop (1280 px wide, sidebar open; wider screens give the
content the same width): its columns never run past the right edge; the detail columns come on
demand and the downloads keep them."""

import csv
import io

import pytest

STAFF_PAGES = [
    "Beranda", "Ringkasan", "Nota Kesepahaman", "Anggaran & Pelatihan", "Cakupan Sosialisasi",
    "Perbandingan Mitra", "Profil Mitra", "Penilaian Mandiri", "Hasil Penilaian", "Pelaporan",
    "Kelengkapan Data", "Impor Data", "Registri Mitra", "Jejak Audit",
]  # fmt: skip
PARTNER_PAGES = ["Beranda", "Profil Mitra", "Pelaporan", "Penilaian Mandiri", "Hasil Penilaian"]
WIDTHS = {"1280": (1280, 720)}
OVERFLOW = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(d => {
    const s = d.querySelector('.dvn-scroller');
    return s ? s.scrollWidth - s.clientWidth : 0;
})"""


def too_wide(tab) -> list[int]:
    """Pixels hidden on the right per grid, on the page and in each of its tabs."""
    hidden = [px for px in tab.page.evaluate(OVERFLOW) if px > 1]
    tabs = tab.page.locator('[data-testid="stMain"] [role="tab"]')
    for n in range(tabs.count()):
        tabs.nth(n).click()
        tab.page.wait_for_timeout(400)
        hidden += [px for px in tab.page.evaluate(OVERFLOW) if px > 1]
    return hidden


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_runs_past_the_right_edge(app_factory, tab_factory, width):
    app = app_factory()
    tab = tab_factory(app.url, WIDTHS[width])
    tab.open("", username="admin", password="contoh-admin")
    wide = {}
    for title in STAFF_PAGES:
        tab.go(title)
        assert tab.exceptions() == [], title
        if overflow := too_wide(tab):
            wide[title] = overflow
    partner = tab_factory(app.url, WIDTHS[width])
    partner.open("", username="mitra-3212", password="contoh-mitra-3212")
    for title in PARTNER_PAGES:
        partner.go(title)
        if overflow := too_wide(partner):
            wide[f"{title} (mitra)"] = overflow
    assert wide == {}  # page: pixels hidden on the right, per table
    assert tab.outside == [] and partner.outside == []


def test_detail_columns_come_on_demand_and_the_download_keeps_them(app_factory, tab_factory):
    app = app_factory()
    tab = tab_factory(app.url, WIDTHS["1280"])
    tab.open("", username="pimpinan", password="contoh-pimpinan")
    page = tab.go("Anggaran & Pelatihan")
    grid = page.locator('[data-testid="stDataFrame"]').first
    header = grid.locator('[role="columnheader"]').all_inner_texts()
    assert "Serapan" in header and "Sisa anggaran" not in header
    path, _ = tab.download(page.get_by_role("button", name="Unduh CSV").first)
    text = open(path, encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert any("Sisa anggaran" in row and "Biaya per lulusan" in row for row in rows)
    page.get_by_text("Tampilkan semua kolom (7 lagi)").first.click()
    tab.wait_idle()
    header = grid.locator('[role="columnheader"]').all_inner_texts()
    assert "Sisa anggaran" in header and "Target peserta" in header
    tab.screenshot("budget_all_columns", full_page=False)
    assert too_wide(tab) != []  # every column: the table scrolls, the partner stays pinned
    assert tab.exceptions() == [] and tab.outside == []
