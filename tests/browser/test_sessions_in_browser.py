"""A local account's session in a real browser: it survives a reload, opens a link in a
second tab signed in, and a sign-out in one tab signs out the other at its next click; a
disabled account is refused at its next click and a reload does not bring it back."""

import pytest

from data_access.accounts import accounts

SIGN_IN = 'input[aria-label="Nama pengguna"]'


@pytest.fixture
def app(app_factory):
    return app_factory()


def _second_tab(tab):
    """Another tab of the same browser (same cookies), offline like the first."""
    page = tab.context.new_page()
    page.route("**/*", tab._route)
    return page


def _idle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=60_000)  # fmt: skip
    page.wait_for_timeout(800)


def test_a_session_survives_a_reload_and_a_second_tab_and_ends_in_both(app, tab_factory):
    tab = tab_factory(app.url, (1280, 900))
    page = tab.open("profil_mitra?mitra=32.12")  # a link from an e-mail, before sign-in
    assert page.url.endswith("/profil_mitra?mitra=32.12")
    assert page.locator("h1").first.inner_text() == "Pemerintah Kabupaten Indramayu"
    cookie = next(c for c in tab.context.cookies() if c["name"] == "pantau_sesi")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert "pimpinan" not in cookie["value"]
    assert "pantau_sesi" not in page.evaluate("document.cookie")  # no script can read it

    page.reload()
    tab.wait_idle()
    assert page.locator(SIGN_IN).count() == 0
    assert page.locator("h1").first.inner_text() == "Pemerintah Kabupaten Indramayu"

    second = _second_tab(tab)
    second.goto(f"{app.url}/profil_mitra?mitra=32.09")
    _idle(second)
    assert second.locator(SIGN_IN).count() == 0
    assert second.locator("h1").first.inner_text() == "Pemerintah Kabupaten Cirebon"

    tab.sign_out()
    assert not [c for c in tab.context.cookies() if c["name"] == "pantau_sesi"]
    # The other tab is signed out at its next click, and says why.
    second.locator('[data-testid="stSidebarNav"]').get_by_text("Ringkasan").click()
    second.wait_for_selector(SIGN_IN, timeout=60_000)
    assert "Anda sudah keluar di tab atau jendela lain" in second.inner_text("body")
    tab.screenshot("signed_out_elsewhere")
    assert tab.outside == [] and tab.exceptions() == []


def test_a_disabled_account_is_refused_at_its_next_click(app, tab_factory):
    tab = tab_factory(app.url, (1280, 900))
    page = tab.open("", username="verifikator", password="contoh-verifikator")
    assert page.locator(SIGN_IN).count() == 0
    accounts.disable_user(actor="admin", username="verifikator")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Cakupan Sosialisasi").click()
    page.wait_for_selector(SIGN_IN, timeout=60_000)
    assert "Sesi berakhir karena akun Anda diubah" in page.inner_text("body")
    page.reload()
    tab.wait_idle()
    assert page.locator(SIGN_IN).count() == 1  # the cookie no longer opens anything
    assert tab.outside == []
