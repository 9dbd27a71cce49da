"""Click to content in a real browser: one signed-in session in Chromium, the time from a
click in the navigation (or a filter change) until the page's content is visible and its
run has finished, per page, over repeats. Run by `python -m benchmarks.load --browser`."""

from __future__ import annotations

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Leadership's pages (the session is a leader's).
PAGES = ("Ringkasan", "Nota Kesepahaman", "Anggaran & Pelatihan", "Cakupan Sosialisasi",
         "Perbandingan Mitra", "Profil Mitra", "Hasil Penilaian", "Kelengkapan Data")  # fmt: skip
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Kept in the page: the moment (performance.now) each run ended, seen as the app's script
# state leaving "running", and the moment the page's content last changed. Watching in the
# page catches a run too quick for a selector poll; a run quicker still (a few tens of
# milliseconds) may never show "running" at all, as the page draws both states at once, and
# then its end is the last change of the content. The watch is put on the app's element as
# it is before each click (the app may have drawn itself anew since); returns the page's
# clock.
WATCH = """() => {
    window.__runEnded = window.__runEnded || 0;
    window.__changed = window.__changed || 0;
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app.__watched) {
        app.__watched = true;
        new MutationObserver(records => {
            for (const r of records) {
                if (r.oldValue === "running") window.__runEnded = performance.now();
            }
        }).observe(app, {attributes: true, attributeOldValue: true,
                         attributeFilter: ["data-test-script-state"]});
        new MutationObserver(() => { window.__changed = performance.now(); })
            .observe(app, {childList: true, subtree: true, characterData: true});
    }
    return performance.now();
}"""
# The run has ended after the click: seen leaving "running", or (a run too quick to show it)
# the app is idle and its content changed after the click and then stayed for QUIET ms.
QUIET = 500
ENDED = """clicked => window.__runEnded > clicked || (
    window.__changed > clicked && performance.now() - window.__changed > %d &&
    document.querySelector('[data-testid="stApp"]').dataset.testScriptState === "notRunning")"""


def _timed_click(page, target) -> float:
    """Seconds from a click on `target` until the run it starts has ended and the app is
    idle, measured in the page's own clock."""
    clicked = page.evaluate(WATCH)
    target.click()
    page.wait_for_function(ENDED % QUIET, arg=clicked, timeout=120_000)
    page.wait_for_selector(IDLE, timeout=120_000)
    ended = page.evaluate("window.__runEnded")
    if ended <= clicked:  # the quick run: its content's last change
        ended = page.evaluate("window.__changed")
    return (ended - clicked) / 1000


def _settled_page(page) -> None:
    """Wait until the signed-in page is the one that stays: the sign-in hands the session
    cookie over through /sesi/ and loads the app again, and a watch put on a page that is
    about to be replaced would never see a run end."""
    for _ in range(60):
        page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=120_000)
        page.wait_for_selector(IDLE, timeout=120_000)
        marker = page.evaluate("() => (window.__marker = window.__marker || Math.random())")
        page.wait_for_timeout(1500)
        try:
            same = page.evaluate("() => window.__marker") == marker
        except Exception:  # noqa: BLE001 - the page was being replaced just then
            same = False
        if same and "/sesi/" not in page.url:
            return
    raise RuntimeError("the signed-in page never settled")


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
        _settled_page(page)
        nav = page.locator('[data-testid="stSidebarNav"]')
        for _ in range(repeats):
            # Ringkasan (where a leader lands) last: the quarter is changed there, and every
            # click opens another page than the one shown (the same page starts no run).
            for title in (*PAGES[1:], PAGES[0]):
                link = nav.get_by_text(title, exact=True).first
                times.setdefault(title, []).append(_timed_click(page, link))
            box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
                has_text="Triwulan"
            )
            shown = box.first.locator("input").input_value()
            box.first.click()
            # Another quarter than the one shown (the same one would start no run).
            page.get_by_role("option").first.wait_for()
            other = next(o for o in page.get_by_role("option").all_inner_texts() if o != shown)
            option = page.get_by_role("option", name=other, exact=True)
            times.setdefault("filter Triwulan", []).append(_timed_click(page, option))
        browser.close()
    return times
