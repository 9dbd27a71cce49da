"""Single sign-on against a real OpenID Connect provider (oidc-provider-mock on a local
port): through the provider's redirect, signed in with the account's role, kept across a
reload and a second tab, signed out in both; an identity without an account is told whom to
ask; a disabled account is refused at its next click."""

import pytest

from data_access.accounts import accounts, sso
from tests.browser.conftest import free_port, start_app, stop_app
from tests.viewers import ADMIN

SIGN_IN = 'input[aria-label="Nama pengguna"]'
BUTTON = "Masuk dengan SSO Pemerintah Daerah"
# The test provider's own pages ask a CDN for their stylesheet; the tab blocks it.
PROVIDER_STYLES = "https://cdn.jsdelivr.net/npm/@picocss/pico@2/css/pico.min.css"


def _provider(people):
    mock = pytest.importorskip("oidc_provider_mock")
    users = [mock.User(sub=sub, claims=claims) for sub, claims in people]
    return mock.run_server_in_thread(user_claims=users)


@pytest.fixture
def provider():
    people = [
        ("verif-1", {"email": "verif@kp2mi.go.id", "email_verified": True, "name": "Verifikator"}),
        ("asing-1", {"email": "asing@contoh.go.id", "email_verified": True, "name": "Orang Asing"}),
        # Claims the verifier's e-mail without the provider vouching for it.
        ("palsu-1", {"email": "VERIF@kp2mi.go.id", "email_verified": False, "name": "Palsu"}),
        # The verifier's e-mail under another subject of the same provider.
        ("verif-2", {"email": "verif@kp2mi.go.id", "email_verified": True, "name": "Kembar"}),
    ]
    with _provider(people) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def other_provider():
    """A second provider whose person carries the verifier's e-mail, verified there."""
    people = [("lain-1", {"email": "verif@kp2mi.go.id", "email_verified": True, "name": "Lain"})]
    with _provider(people) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def sso_app(database_url, provider, other_provider, tmp_path):
    port = free_port()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "uji-rahasia-cookie-yang-panjang-sekali-1234567890"\n'
        "[auth.keycloak]\n"
        'client_id = "pantau"\nclient_secret = "rahasia-klien"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        "[auth.lain]\n"
        'client_id = "pantau"\nclient_secret = "rahasia-klien"\n'
        f'server_metadata_url = "{other_provider}/.well-known/openid-configuration"\n'
    )
    sso.set_email(viewer=ADMIN, username="verifikator", email="verif@kp2mi.go.id",
                  provider="keycloak")  # fmt: skip
    app = start_app(database_url, port=port, args=("--secrets.files", str(secrets)))
    yield app, provider, other_provider
    stop_app(app)


def _through_provider(tab, subject: str, button: str = BUTTON) -> None:
    """Press the provider's button on the sign-in page, choose the person at the provider,
    and wait until the dashboard has shown its page again."""
    page = tab.page
    page.get_by_role("button", name=button).click()
    page.get_by_role("button", name=subject).click(timeout=60_000)
    page.wait_for_url(f"{tab.base}/**", timeout=60_000)
    tab.wait_idle()
    if page.locator(SIGN_IN).count() == 0 and "Akses belum" not in page.inner_text("body"):
        # Signed in: the page fetches its session cookie and comes back.
        for _ in range(120):
            if any(c["name"] == "pantau_sesi" for c in tab.context.cookies()):
                break
            page.wait_for_timeout(250)
        tab.wait_idle()


def test_sso_sign_in_reload_second_tab_and_sign_out(sso_app, tab_factory):
    app, provider, _ = sso_app
    tab = tab_factory(app.url, (1280, 900), also=(provider,))
    page = tab.open("", username=None)
    tab.screenshot("sso_sign_in")
    _through_provider(tab, "verif-1")
    assert page.locator(SIGN_IN).count() == 0
    assert "Masuk sebagai Verifikator (akun contoh) (Verifikator)" in page.inner_text("body")
    assert "Pelaporan" in page.locator('[data-testid="stSidebarNav"]').inner_text()

    page.reload()
    tab.wait_idle()
    assert page.locator(SIGN_IN).count() == 0
    second = tab.context.new_page()
    second.route("**/*", tab._route)
    second.goto(f"{app.url}/profil_mitra?mitra=32.09")
    second.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                             timeout=60_000)  # fmt: skip
    second.wait_for_timeout(800)
    assert second.locator("h1").first.inner_text() == "Pemerintah Kabupaten Cirebon"

    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("button", name="End session").click(timeout=60_000)  # at the provider
    page.wait_for_url(f"{app.url}/**", timeout=60_000)
    page.wait_for_selector(SIGN_IN, timeout=60_000)
    second.locator('[data-testid="stSidebarNav"]').get_by_text("Ringkasan").click()
    second.wait_for_selector(SIGN_IN, timeout=60_000)
    assert "Anda sudah keluar di tab atau jendela lain" in second.inner_text("body")
    assert set(tab.outside) <= {PROVIDER_STYLES}
    assert tab.exceptions() == []


def test_an_unknown_identity_is_told_whom_to_ask_and_a_disabled_one_is_refused(
    sso_app, tab_factory
):
    app, provider, _ = sso_app
    stranger = tab_factory(app.url, (1280, 900), also=(provider,))
    page = stranger.open("", username=None)
    _through_provider(stranger, "asing-1")
    assert page.locator("h1").first.inner_text() == "Akses belum diberikan"
    assert "asing@contoh.go.id" in page.inner_text("body")
    stranger.screenshot("sso_unknown_identity")
    assert sso.access_requests(viewer=ADMIN)["email"].tolist() == ["asing@contoh.go.id"]

    tab = tab_factory(app.url, (1280, 900), also=(provider,))
    page = tab.open("", username=None)
    _through_provider(tab, "verif-1")
    assert page.locator(SIGN_IN).count() == 0
    accounts.disable_user(actor="admin", username="verifikator")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Cakupan Sosialisasi").click()
    page.wait_for_selector(SIGN_IN, timeout=60_000)
    assert "Sesi berakhir karena akun Anda diubah" in page.inner_text("body")
    assert set(tab.outside) <= {PROVIDER_STYLES}


def test_an_unverified_email_another_provider_and_a_changed_subject_are_refused(
    sso_app, tab_factory
):
    app, provider, other = sso_app
    refused = [
        ("palsu-1", BUTTON, "tidak menyatakan e-mail di bawah ini sudah terverifikasi"),
        ("lain-1", "Masuk dengan lain", "tidak masuk lewat penyedia SSO ini"),
    ]
    for subject, button, sentence in refused:
        tab = tab_factory(app.url, (1280, 900), also=(provider, other))
        page = tab.open("", username=None)
        _through_provider(tab, subject, button)
        assert page.locator("h1").first.inner_text() == "Akses belum diberikan", subject
        assert sentence in page.inner_text("body"), subject
        assert page.locator(SIGN_IN).count() == 0
        assert not any(c["name"] == "pantau_sesi" for c in tab.context.cookies()), subject

    owner = tab_factory(app.url, (1280, 900), also=(provider,))
    page = owner.open("", username=None)
    _through_provider(owner, "verif-1")  # the first sign-in links the identity
    assert "Masuk sebagai Verifikator" in page.inner_text("body")

    twin = tab_factory(app.url, (1280, 900), also=(provider,))
    twin_page = twin.open("", username=None)
    _through_provider(twin, "verif-2")
    assert "sudah terhubung ke identitas SSO lain" in twin_page.inner_text("body")

    sso.set_email(viewer=ADMIN, username="verifikator", email="")  # unlinked by an admin
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Cakupan Sosialisasi").click()
    page.wait_for_selector(SIGN_IN, timeout=60_000)
    assert "Sesi berakhir karena akun Anda diubah" in page.inner_text("body")
    assert set(owner.outside) <= {PROVIDER_STYLES}
