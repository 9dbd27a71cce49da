"""Click to content in a real browser: one signed-in session in Chromium, the time from a
click in the navigation (or a filter change) until the page's content is visible and its
run has finished, per page, over repeats. Run by `python -m benchmarks.load --browser`."""

from __future__ import annotations

import time

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Leadership's pages (the session is a leader's).
PAGES = ("Ringkasan", "Nota Kesepahaman", "Anggaran & Pelatihan", "Cakupan Sosialisasi",
         "Perbandingan Mitra", "Profil Mitra", "Hasil Penilaian", "Kelengkapan Data")  # fmt: skip
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


def _settled(page, started: float, title_wanted: str | None) -> float:
    """Seconds from `started` until the run has started and finished and the main title
    (when named) is visible."""
    try:
        page.wait_for_selector(RUNNING, timeout=3_000)
    except Exception:  # noqa: BLE001 - a fast run may finish before it is seen running
        pass
    page.wait_for_selector(IDLE, timeout=120_000)
    if title_wanted:
        page.locator('[data-testid="stMain"] h1').filter(has_text=title_wanted).first.wait_for(
            state="visible", timeout=60_000
        )
    return time.perf_counter() - started


def click_to_content(base: str, username: str, password: str, repeats: int = 5) -> dict:
    """{page or action: [seconds per repeat]} for one signed-in session."""
    times: dict[str, list[float]] = {}
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + "/")
        page.wait_for_selector('input[aria-label="Nama pengguna"]', timeout=120_000)
        page.locator('input[aria-label="Nama pengguna"]').fill(username)
        page.locator('input[aria-label="Kata sandi"]').fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=120_000)
        page.wait_for_selector(IDLE, timeout=120_000)
        nav = page.locator('[data-testid="stSidebarNav"]')
        for _ in range(repeats):
            for title in PAGES:
                started = time.perf_counter()
                nav.get_by_text(title, exact=True).first.click()
                times.setdefault(title, []).append(_settled(page, started, None))
            nav.get_by_text("Ringkasan", exact=True).first.click()  # a page with the quarter
            _settled(page, time.perf_counter(), None)
            box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
                has_text="Triwulan"
            )
            box.first.click()
            started = time.perf_counter()
            page.get_by_role("option").nth(1).click()
            times.setdefault("filter Triwulan", []).append(_settled(page, started, None))
        browser.close()
    return times
