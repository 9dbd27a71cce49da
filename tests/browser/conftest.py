"""A running app on a free local port and a headless Chromium that may not leave the machine."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
FIRST_WAIT_MS = 20_000  # a file normally comes within a second of the click
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]  # fmt: skip


def pytest_collection_modifyitems(items):
    """Every test here drives a browser: `-m "not browser"` leaves them out."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser test cannot run under CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    def __init__(self, url: str, process: subprocess.Popen, log=None):
        self.url, self.process, self.log = url, process, log


def start_app(database_url: str, *, port: int | None = None, args: tuple = ()) -> App:
    """Start `streamlit run app.py` on a local port (`args`: more of its options)."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DASHBOARD_TODAY": "2026-11-27"}
    # The server's own log, kept with the screenshots for a failure's diagnosis.
    SHOTS.mkdir(exist_ok=True)
    log = open(SHOTS / f"app-{port}.log", "wb")  # noqa: SIM115 - closed by stop_app
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", *args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return App(url, process, log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    log.close()
    raise RuntimeError("the app did not become healthy within 60 s")


def apart(make) -> object:
    """`asyncio.run(make())` in a thread of its own: the browser tests' Playwright keeps an
    event loop running in this one."""
    answer: dict = {}

    def run() -> None:
        try:
            answer["value"] = asyncio.run(make())
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
            answer["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=180)
    if "error" in answer:
        raise answer["error"]
    return answer["value"]


def stop_app(app: App) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()
    if app.log:
        app.log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -r requirements-test.txt)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def app_factory(database_url):
    """Start the app on this test's own copy of the demo database; stopped after the test."""
    started = []

    def make() -> App:
        app = start_app(database_url)
        started.append(app)
        return app

    yield make
    for app in started:
        stop_app(app)


class Page:
    """A browser tab that aborts and records every request that is not to the app."""

    def __init__(self, browser, base: str, size: tuple[int, int] = (1400, 1800), also: tuple = ()):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.base = base
        self.also = also  # other local servers the test runs (an identity provider)
        self.outside: list[str] = []
        self._signed = {"username": None, "password": None}
        self.page.route("**/*", self._route)

    def _route(self, route):
        if route.request.url.startswith((self.base, *self.also)):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str = "", *, username="pimpinan", password="contoh-pimpinan"):
        """Load a URL (a new session) and sign in when the login form shows."""
        self.page.goto(f"{self.base}/{path}")
        self.wait_idle()
        if username and self.page.locator('input[aria-label="Nama pengguna"]').count():
            self.sign_in(username, password)
        return self.page

    def sign_in(self, username: str, password: str):
        """Sign in through the form. A successful sign-in sends the browser to fetch its
        session cookie and back (ui.accounts.session_routes): wait for that return, so that nothing
        is clicked on the page that is about to be replaced."""
        self._signed = {"username": username, "password": password}
        with self._returning() as came_back:
            self.page.locator('input[aria-label="Nama pengguna"]').fill(username)
            self.page.locator('input[aria-label="Kata sandi"]').fill(password)
            self.page.get_by_role("button", name="Masuk").click()
            # On a busy machine the rerun may not have started when the page first looks
            # idle: wait until the form has gone (signed in) or the server has answered (it
            # empties the password field either way; an earlier refusal's alert may still
            # be on the page, so that is no sign).
            self.page.wait_for_function(
                """() => {
                    const pw = document.querySelector('input[aria-label="Kata sandi"]');
                    return !document.querySelector('input[aria-label="Nama pengguna"]')
                           || (pw && pw.value === "");
                }""",
                timeout=60_000,
            )
            # Then either the browser leaves for its cookie (the old page, form and all,
            # may still show while it goes) or the page says why not: wait for one of them.
            self._wait_back_or_refused(came_back)
        self.wait_idle()

    def _wait_back_or_refused(self, came_back: list[str]) -> None:
        from playwright.sync_api import Error as PlaywrightError

        deadline, quiet_since = time.monotonic() + 90, None
        while not came_back and time.monotonic() < deadline:
            try:
                refused = self.page.evaluate(
                    """() => !!document.querySelector('input[aria-label="Nama pengguna"]')
                            && !!document.querySelector('[data-testid="stAlert"]')
                            && !!document.querySelector(
                                '[data-testid="stApp"][data-test-script-state="notRunning"]')"""
                )
            except PlaywrightError:  # the page is being replaced: the browser is on its way
                refused = False
            quiet_since = (quiet_since or time.monotonic()) if refused else None
            if quiet_since and time.monotonic() - quiet_since > 2:
                return  # refused, and nowhere to go
            self.page.wait_for_timeout(100)
        assert came_back, "the browser never came back with its session cookie"

    @contextmanager
    def _returning(self):
        """The addresses the tab lands on (outside /sesi/) while the block runs."""
        came_back: list[str] = []

        def navigated(frame) -> None:
            if frame == self.page.main_frame and "/sesi/" not in frame.url:
                came_back.append(frame.url)

        self.page.on("framenavigated", navigated)
        try:
            yield came_back
        finally:
            self.page.remove_listener("framenavigated", navigated)

    def _wait_back(self, came_back: list[str], failure: str) -> None:
        deadline = time.monotonic() + 90
        while not came_back and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
        assert came_back, failure

    def sign_out(self):
        """Press Keluar and wait until the browser has dropped its session cookie and shows
        the sign-in page again (a new page: nothing is typed into the one being replaced)."""
        with self._returning() as came_back:
            self.page.get_by_role("button", name="Keluar").click()
            self._wait_back(came_back, "the browser never came back from signing out")
        self.page.wait_for_selector('input[aria-label="Nama pengguna"]', timeout=60_000)
        self.wait_idle()

    def choose(self, group, n: int) -> None:
        """Pick the n-th option of a radio group and wait until the page holds it. Each
        choice reruns the page; a click that lands during another rerun (a text box left
        just before, say) can be lost, so the choice is made again until it shows."""
        option = group.locator("input").nth(n)
        for _ in range(3):
            group.locator("label:has(input)").nth(n).click()
            self.wait_idle()
            if option.is_checked():
                return
        assert option.is_checked(), "the radio option never took the click"

    def go(self, title: str):
        """Move to a page through the sidebar navigation (the session stays)."""
        self.page.locator('[data-testid="stSidebarNav"]').get_by_text(title).click()
        self.wait_idle()
        return self.page

    def wait_idle(self):
        self.page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
        self.page.wait_for_timeout(500)
        self.page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
        )
        self.page.wait_for_timeout(800)

    def download(self, button, *, wait_ms: int = 60_000):
        """Click a download button and return the file's path. The click waits for a quiet
        page (a click during a rerun's layout shift can land on nothing). On a loaded machine
        a click is sometimes lost: when no file came within FIRST_WAIT_MS, the button is
        clicked again as soon as the app has enabled it (it is disabled while the file is
        built). A button still disabled after that has lost its answer (the connection to
        the server dropped and came back; the page never enables it again): the page is
        opened afresh, signed in as before, and the button clicked there. A file that comes
        late from an earlier click is taken too."""
        came = []

        def take(download) -> None:
            came.append(download)

        self.page.on("download", take)
        try:
            for attempt in (1, 2, 3):
                if attempt > 1 and not came and not self._enabled(button, 15_000):
                    self.open(self.page.url.removeprefix(f"{self.base}/"), **self._signed)
                if came:
                    break
                button.scroll_into_view_if_needed()
                self.wait_idle()
                if not came:
                    button.click()
                wait = FIRST_WAIT_MS if attempt == 1 else wait_ms
                deadline = time.monotonic() + wait / 1000
                while not came and time.monotonic() < deadline:
                    self.page.wait_for_timeout(250)
                if came:
                    break
            if not came:
                self.screenshot("download_failed", full_page=False)
                status = self.page.locator('[data-testid="stStatusWidget"]').all_inner_texts()
                raise AssertionError(
                    f"no file came from the download button in {wait_ms} ms (button "
                    f"{'disabled' if button.is_disabled() else 'enabled'}, status {status})"
                )
        finally:
            self.page.remove_listener("download", take)
        return came[0].path(), came[0].suggested_filename

    def _enabled(self, button, wait_ms: int) -> bool:
        """Whether the button is (or within `wait_ms` becomes) enabled."""
        deadline = time.monotonic() + wait_ms / 1000
        while button.is_disabled() and time.monotonic() < deadline:
            self.page.wait_for_timeout(250)
        return not button.is_disabled()

    def exceptions(self) -> list[str]:
        return [e.inner_text() for e in self.page.query_selector_all('[data-testid="stException"]')]

    def screenshot(self, name: str, *, full_page: bool = True) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)

    def close(self):
        self.context.close()


@pytest.fixture
def tab_factory(browser):
    tabs = []

    def make(base: str, size: tuple[int, int] = (1400, 1800), also: tuple = ()) -> Page:
        tab = Page(browser, base, size, also)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.close()
