"""A password hash made with four argon2 lanes (before one lane was the cost) is made again
at the account's next right sign-in (data_access.accounts.login): the account's open sessions go on,
a wrong password or a disabled account changes nothing, a password reset in between wins,
and sign-ins racing on one account renew it once."""

import json
import threading
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher, extract_parameters

from data_access import models as m
from data_access.accounts import accounts, login, sessions
from data_access.store.db import get_engine

PASSWORD = "sandi-lama-sekali"
FOUR_LANES = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)


def old_account() -> None:
    accounts.create_user(actor="admin", username="akun-tua", full_name="Akun Tua",
                         role="pimpinan", password=PASSWORD)  # fmt: skip
    with get_engine().begin() as conn:
        conn.execute(sa.text("UPDATE app_user SET password_hash = :h WHERE username = :u"),
                     {"h": FOUR_LANES.hash(PASSWORD), "u": "akun-tua"})  # fmt: skip


def row():
    with get_engine().connect() as conn:
        return conn.execute(sa.select(m.User).where(m.User.username == "akun-tua")).first()


def lanes() -> int:
    return extract_parameters(row().password_hash).parallelism


def renewals() -> int:
    with get_engine().connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT new_values FROM audit_log WHERE action = 'login' AND actor = 'akun-tua'"
        )).scalars()  # fmt: skip
        return sum(bool(json.loads(v).get("hash_renewed")) for v in rows)


def open_session() -> int:
    return sessions.open_session(account=accounts.account_of(row()), method="local", browser="")[0]


def test_a_four_lane_hash_still_signs_in_and_refuses_a_wrong_password(database_url):
    old_account()
    assert login.authenticate(username="akun-tua", password=PASSWORD).reason == "ok"
    assert login.authenticate(username="akun-tua", password="sandi-lain-sekali").reason == "wrong"


def test_the_next_right_sign_in_renews_the_hash_and_open_sessions_go_on(database_url):
    old_account()
    elsewhere = open_session()  # signed in on another computer before
    assert login.authenticate(username="akun-tua", password="bukan-sandinya").reason == "wrong"
    assert lanes() == 4
    result = login.authenticate(username="akun-tua", password=PASSWORD)
    assert result.reason == "ok" and lanes() == 1
    assert accounts.verify_password(row().password_hash, PASSWORD)
    assert result.session == accounts.current_session_key("akun-tua")
    assert sessions.check(elsewhere) == "ok"  # not signed out by the renewal
    assert renewals() == 1
    before = row().password_hash
    assert login.authenticate(username="akun-tua", password=PASSWORD).reason == "ok"
    assert row().password_hash == before and renewals() == 1  # once only


def test_a_disabled_account_keeps_its_hash(database_url):
    old_account()
    accounts.disable_user(actor="admin", username="akun-tua")
    assert login.authenticate(username="akun-tua", password=PASSWORD).reason == "disabled"
    assert lanes() == 4


def test_a_reset_in_between_wins_and_the_session_opened_then_ends(database_url):
    old_account()
    checked = row()  # the version the sign-in checked
    accounts.reset_password(actor="admin", username="akun-tua", password="sandi-baru-dari-admin")
    reset = row().password_hash
    fresh = login.HASHER.hash(PASSWORD)
    result = login._settle(checked, "akun-tua", True, datetime.now(), fresh)
    assert row().password_hash == reset  # the reset stays
    assert result.session != accounts.current_session_key("akun-tua")
    assert renewals() == 0


def test_a_role_changed_in_between_wins_and_no_session_carries_over(database_url):
    old_account()
    elsewhere = open_session()
    checked = row()
    with get_engine().begin() as conn:  # as a role change lands between check and settle
        conn.execute(sa.text("UPDATE app_user SET role = 'verifikator' WHERE username = :u"),
                     {"u": "akun-tua"})  # fmt: skip
    result = login._settle(checked, "akun-tua", True, datetime.now(), login.HASHER.hash(PASSWORD))
    assert lanes() == 4 and renewals() == 0
    assert result.session != accounts.current_session_key("akun-tua")
    assert sessions.check(elsewhere) == "changed"


def test_sign_ins_racing_on_one_account_renew_it_once(database_url):
    old_account()
    barrier = threading.Barrier(6)
    answers, opened, failures = [], [], []

    def sign_in():
        try:
            barrier.wait()
            answers.append(login.authenticate(username="akun-tua", password=PASSWORD).reason)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    def session():
        try:
            barrier.wait()
            opened.append(open_session())
        except Exception as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    threads = [threading.Thread(target=sign_in) for _ in range(3)]
    threads += [threading.Thread(target=session) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures and answers == ["ok"] * 3 and len(opened) == 3
    assert lanes() == 1 and renewals() == 1
    assert [sessions.check(s) for s in opened] == ["ok"] * 3
