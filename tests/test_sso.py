"""Single sign-on: an identity opens a session of the account with its e-mail, once per
identity token; an identity without an account becomes a request for the admins; the sign-in
page shows what the setting and the configured providers allow."""

import time

import pytest
from sqlalchemy import func, select

from data_access import models as m
from data_access.accounts import accounts, login, sessions, sso
from data_access.accounts.accounts import AccountError
from data_access.store import audit
from data_access.store.access import AccessDenied, Viewer
from data_access.store.db import get_engine
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


ISSUER = "http://127.0.0.1:9/realms/pemda"


def identity(
    email: str,
    subject: str = "s-1",
    issued_at: int | None = None,
    *,
    provider: str = "keycloak",
    issuer: str = ISSUER,
    verified: bool = True,
    sole: bool = True,
) -> sso.Identity:
    return sso.Identity(provider, subject, email, "Orang Uji", issued_at or int(time.time()),
                        issuer=issuer, email_verified=verified, sole_provider=sole)  # fmt: skip


def later() -> int:
    """A time of issue no earlier identity of these tests has (one token, one session)."""
    later.n = getattr(later, "n", 0) + 1
    return int(time.time()) + later.n


def test_an_identity_opens_a_session_of_the_account_with_its_email_once(database_url):
    sso.set_email(viewer=ADMIN, username="verifikator", email="Verif@KP2MI.go.id")
    token = identity("verif@kp2mi.go.id")
    got = sso.sign_in(token, browser="b" * 43, client="10.0.0.9")
    assert got.reason == "ok" and got.account.username == "verifikator"
    assert got.account.role == "verifikator"
    assert sessions.redeem(got.code, "c" * 43) is None  # another browser's
    redeemed, _ = sessions.redeem(got.code, "b" * 43)
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
    from ui.accounts import sso as ui_sso

    monkeypatch.setenv("SIGN_IN_MODE", "semua")
    with pytest.raises(ValueError, match="SIGN_IN_MODE"):
        ui_sso.mode()


def test_an_unknown_identity_is_told_whom_to_ask(database_url):
    from tests.apptest import start

    at = start(None)
    at.session_state["g_sso_refused"] = ("unknown", "asing@contoh.go.id")
    at.run()
    assert at.title[0].value == "Akses belum diberikan"
    assert "belum terhubung" in at.warning[0].value
    assert "asing@contoh.go.id" in [x.value for x in at.text]
    assert [b.label for b in at.button] == ["Keluar dari SSO"]


@pytest.mark.parametrize("reason", ["unknown", "unverified", "other_provider", "other_identity"])
def test_the_refused_page_shows_the_identitys_email_as_plain_text(database_url, reason):
    from tests.apptest import start

    crafted = "[klik](https://contoh.invalid/masuk)@x.go.id"
    at = start(None)
    at.session_state["g_sso_refused"] = (reason, crafted)
    at.run()
    assert not at.exception
    assert crafted in [x.value for x in at.text]  # as the provider sent it, as text
    assert all("klik" not in md.value for md in at.markdown)
    assert all("klik" not in w.value for w in at.warning)


# --- an identity bound to its provider, issuer and subject ------------------------------------


def _linked(username: str = "verifikator") -> sso.SsoResult:
    """The account's e-mail set for the keycloak provider and its first sign-in there."""
    sso.set_email(viewer=ADMIN, username=username, email="verif@kp2mi.go.id", provider="keycloak")
    first = sso.sign_in(identity("verif@kp2mi.go.id", sole=False))
    assert first.reason == "ok" and first.account.username == username
    return first


def _user(username: str):
    with get_engine().connect() as conn:
        return conn.execute(select(m.User).where(m.User.username == username)).one()


def test_an_unverified_email_opens_nothing_and_links_nothing(database_url):
    sso.set_email(viewer=ADMIN, username="admin", email="admin@kp2mi.go.id")
    got = sso.sign_in(identity("ADMIN@kp2mi.go.id", "penyerang", verified=False))
    assert got.reason == "unverified" and got.account is None
    assert _user("admin").sso_subject is None
    assert sessions.live_sessions(viewer=ADMIN).empty
    refused = audit.audit_entries(viewer=ADMIN, action="login_refused")
    assert refused.iloc[0]["actor"] == "admin@kp2mi.go.id"
    assert "unverified" in refused.iloc[0]["new_values"]


def test_the_first_sign_in_links_the_identity_and_later_ones_match_on_it(database_url):
    first = _linked()
    row = _user("verifikator")
    assert (row.sso_issuer, row.sso_subject) == (ISSUER, "s-1")
    # The person's e-mail at the provider changes: the subject still finds the account.
    again = sso.sign_in(identity("baru@kp2mi.go.id", issued_at=later(), sole=False))
    assert again.reason == "ok" and again.account.username == "verifikator"
    assert sessions.check(first.session_id) == "ok"  # linking ended no session
    links = audit.audit_entries(viewer=ADMIN, action="sso_link")
    assert links["actor"].tolist() == ["verifikator"]


def test_another_providers_identity_with_a_linked_email_is_refused(database_url):
    _linked()
    other = identity("verif@kp2mi.go.id", "s-1", later(), provider="google",
                     issuer="https://accounts.google.com", sole=False)  # fmt: skip
    assert sso.sign_in(other).reason == "other_identity"
    # Before any link too: only the provider the account names may link it.
    sso.set_email(viewer=ADMIN, username="pimpinan", email="pim@kp2mi.go.id", provider="keycloak")
    stranger = identity("pim@kp2mi.go.id", "g-9", later(), provider="google",
                        issuer="https://accounts.google.com", sole=False)  # fmt: skip
    assert sso.sign_in(stranger).reason == "other_provider"
    # An account that names no provider links only from the installation's only one.
    sso.set_email(viewer=ADMIN, username="admin", email="adm@kp2mi.go.id")
    assert sso.sign_in(identity("adm@kp2mi.go.id", "k-2", later(), sole=False)).reason == (
        "other_provider"
    )
    assert sso.sign_in(identity("adm@kp2mi.go.id", "k-2", later(), sole=True)).reason == "ok"
    assert _user("pimpinan").sso_subject is None


def test_a_changed_subject_or_issuer_is_refused(database_url):
    _linked()
    assert sso.sign_in(identity("verif@kp2mi.go.id", "s-2", later(), sole=False)).reason == (
        "other_identity"
    )
    realm = identity("verif@kp2mi.go.id", "s-1", later(), issuer="http://127.0.0.1:9/realms/x",
                     sole=False)  # fmt: skip
    assert sso.sign_in(realm).reason == "other_identity"
    assert audit.audit_entries(viewer=ADMIN, action="login_refused")["actor"].tolist()[:2] == [
        "verifikator",
        "verifikator",
    ]


def test_a_changed_or_unlinked_email_ends_the_sso_session_and_keeps_the_local_one(database_url):
    first = _linked()
    local = login.authenticate(username="verifikator", password="contoh-verifikator")
    local_id, _ = sessions.open_session(account=local.account, method="local", browser="")
    sso.set_email(viewer=ADMIN, username="verifikator", email="lain@kp2mi.go.id",
                  provider="keycloak")  # fmt: skip
    assert sessions.check(first.session_id) == "changed"
    assert sessions.check(local_id) == "ok"
    assert _user("verifikator").sso_subject is None
    # The old identity now finds no account by its subject, and its e-mail is nobody's.
    assert sso.sign_in(identity("verif@kp2mi.go.id", issued_at=later(), sole=False)).reason == (
        "unknown"
    )
    second = sso.sign_in(identity("lain@kp2mi.go.id", "s-7", later(), sole=False))
    assert second.reason == "ok"
    sso.set_email(viewer=ADMIN, username="verifikator", email="")
    assert sessions.check(second.session_id) == "changed"
    assert sessions.check(local_id) == "ok"


def test_one_identity_signing_in_twice_at_once_links_once(database_url):
    sso.set_email(viewer=ADMIN, username="verifikator", email="verif@kp2mi.go.id",
                  provider="keycloak")  # fmt: skip
    results = race(
        lambda: sso.sign_in(identity("verif@kp2mi.go.id", "s-1", later(), sole=False)),
        lambda: sso.sign_in(identity("verif@kp2mi.go.id", "s-1", later(), sole=False)),
    )
    assert [r.reason for r in results] == ["ok", "ok"], results
    assert audit.audit_entries(viewer=ADMIN, action="sso_link")["actor"].tolist() == ["verifikator"]
