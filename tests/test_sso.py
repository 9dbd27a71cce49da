"""Single sign-on: an identity opens a session of the account with its e-mail, once per
identity token; an identity without an account becomes a request for the admins; the sign-in
page shows what the setting and the configured providers allow."""

import time

import pytest
from sqlalchemy import func, select

from data_access import accounts, audit, sessions, sso
from data_access import models as m
from data_access.access import AccessDenied, Viewer
from data_access.accounts import AccountError
from data_access.db import get_engine
from tests.test_concurrency import race
from tests.viewers import ADMIN

SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "uji-rahasia-cookie-yang-panjang-sekali",
        "keycloak": {
            "client_id": "pantau",
            "client_secret": "rahasia",
            "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
        },
    }
}


def identity(email: str, subject: str = "s-1", issued_at: int | None = None) -> sso.Identity:
    return sso.Identity("keycloak", subject, email, "Orang Uji", issued_at or int(time.time()))


def test_an_identity_opens_a_session_of_the_account_with_its_email_once(database_url):
    sso.set_email(viewer=ADMIN, username="verifikator", email="Verif@KP2MI.go.id")
    token = identity("verif@kp2mi.go.id")
    got = sso.sign_in(token, client="10.0.0.9")
    assert got.reason == "ok" and got.account.username == "verifikator"
    assert got.account.role == "verifikator"
    redeemed, _ = sessions.redeem(got.code)
    resumed = sessions.resume(redeemed)
    assert resumed.account.username == "verifikator" and resumed.method == "sso"
    assert sso.sign_in(token).reason == "used"  # the same identity token: never twice
    live = sessions.live_sessions(viewer=ADMIN)
    assert live[["username", "method", "client"]].values.tolist() == [
        ["verifikator", "sso", "10.0.0.9"]
    ]
    logins = audit.audit_entries(viewer=ADMIN)
    assert logins.iloc[0]["action"] == "login" and logins.iloc[0]["actor"] == "verifikator"
    # A fresh token of the same person opens a new session.
    assert sso.sign_in(identity("verif@kp2mi.go.id", issued_at=int(time.time()) + 1)).reason == "ok"


def test_an_unknown_identity_is_a_request_the_admins_see(database_url):
    for _ in range(2):
        assert sso.sign_in(identity("asing@contoh.go.id")).reason == "unknown"
    waiting = sso.access_requests(viewer=ADMIN)
    assert waiting[["email", "name", "provider", "attempts"]].values.tolist() == [
        ["asing@contoh.go.id", "Orang Uji", "keycloak", 2]
    ]
    request_id = int(waiting["request_id"].iloc[0])
    with pytest.raises(AccessDenied):
        sso.mark_handled(viewer=Viewer("verifikator", None, "verifikator"), request_id=request_id)
    for viewer in (Viewer("pimpinan", None, "pimpinan"), Viewer("mitra", 1, "mitra-3212")):
        with pytest.raises(AccessDenied):
            sso.access_requests(viewer=viewer)
    assert sso.mark_handled(viewer=ADMIN, request_id=request_id)
    assert not sso.mark_handled(viewer=ADMIN, request_id=request_id)
    assert sso.access_requests(viewer=ADMIN).empty
    sso.sign_in(identity("asing@contoh.go.id"))  # asks again: waiting again
    assert sso.access_requests(viewer=ADMIN)["attempts"].tolist() == [3]


def test_two_first_attempts_at_once_make_one_request(database_url):
    results = race(
        lambda: sso.sign_in(identity("baru@contoh.go.id", "a")),
        lambda: sso.sign_in(identity("baru@contoh.go.id", "b")),
    )
    assert [r.reason for r in results] == ["unknown", "unknown"], results
    with get_engine().connect() as conn:
        rows = conn.execute(select(m.AccessRequest.attempts)).scalars().all()
    assert rows == [2]


def test_a_disabled_account_and_an_identity_without_email_are_refused(database_url):
    sso.set_email(viewer=ADMIN, username="pimpinan", email="pimpinan@kp2mi.go.id")
    accounts.disable_user(actor="admin", username="pimpinan")
    assert sso.sign_in(identity("pimpinan@kp2mi.go.id")).reason == "disabled"
    assert sso.sign_in(identity("")).reason == "no_email"
    refused = audit.audit_entries(viewer=ADMIN).head(2)
    assert set(refused["action"]) == {"login_refused"}


def test_an_email_belongs_to_one_account(database_url):
    sso.set_email(viewer=ADMIN, username="verifikator", email="satu@kp2mi.go.id")
    with pytest.raises(AccountError, match="sudah dipakai akun verifikator"):
        sso.set_email(viewer=ADMIN, username="pimpinan", email="SATU@kp2mi.go.id")
    with pytest.raises(AccountError, match="tidak sah"):
        sso.set_email(viewer=ADMIN, username="pimpinan", email="bukan e-mail")
    with pytest.raises(AccessDenied):
        sso.set_email(viewer=Viewer("pimpinan", None, "pimpinan"), username="pimpinan",
                      email="x@kp2mi.go.id")  # fmt: skip
    sso.set_email(viewer=ADMIN, username="verifikator", email="")  # unlinked
    sso.set_email(viewer=ADMIN, username="pimpinan", email="satu@kp2mi.go.id")


def test_two_admins_linking_one_email_to_two_accounts_at_once(database_url):
    def link(username: str):
        return sso.set_email(viewer=ADMIN, username=username, email="rebutan@kp2mi.go.id")

    results = race(lambda: link("pimpinan"), lambda: link("verifikator"))
    assert sorted(type(r).__name__ for r in results) == ["AccountError", "NoneType"], results
    with get_engine().connect() as conn:
        linked = conn.execute(
            select(func.count()).where(m.User.email == "rebutan@kp2mi.go.id")
        ).scalar()
    assert linked == 1


# --- the sign-in page ------------------------------------------------------------------------


def _login_page(monkeypatch, mode: str | None, secrets: dict | None):
    from tests.apptest import start

    if mode:
        monkeypatch.setenv("SIGN_IN_MODE", mode)
    at = start(None)
    if secrets:
        for key, value in secrets.items():
            at.secrets[key] = value
        at.run()
    assert not at.exception
    return at


def test_both_ways_show_the_providers_button_above_the_form(database_url, monkeypatch):
    at = _login_page(monkeypatch, None, SECRETS)
    assert [b.label for b in at.button] == ["Masuk dengan SSO Pemerintah Daerah", "Masuk"]
    assert at.text_input(key="w_login_user")


def test_sso_only_hides_the_form_and_without_a_provider_says_what_is_missing(
    database_url, monkeypatch
):
    at = _login_page(monkeypatch, "sso", SECRETS)
    assert [b.label for b in at.button] == ["Masuk dengan SSO Pemerintah Daerah"]
    assert not at.text_input
    at = _login_page(monkeypatch, "sso", None)
    assert "penyedia SSO belum disiapkan" in at.error[0].value and not at.text_input


def test_local_only_shows_the_form_alone(database_url, monkeypatch):
    at = _login_page(monkeypatch, "lokal", SECRETS)
    assert [b.label for b in at.button] == ["Masuk"]


def test_a_wrong_mode_is_a_sentence(monkeypatch):
    from ui import sso as ui_sso

    monkeypatch.setenv("SIGN_IN_MODE", "semua")
    with pytest.raises(ValueError, match="SIGN_IN_MODE"):
        ui_sso.mode()


def test_an_unknown_identity_is_told_whom_to_ask(database_url):
    from tests.apptest import start

    at = start(None)
    at.session_state["g_sso_refused"] = ("unknown", "asing@contoh.go.id")
    at.run()
    assert at.title[0].value == "Akses belum diberikan"
    assert "asing@contoh.go.id" in at.warning[0].value
    assert [b.label for b in at.button] == ["Keluar dari SSO"]
