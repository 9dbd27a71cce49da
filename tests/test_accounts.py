"""Accounts: argon2id hashes, lockout, audited user management, the CLI, the production guard."""

import json
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from data_access.accounts import accounts, login
from data_access.store.db import get_engine


def _audit(action=None) -> list[dict]:
    stmt = "SELECT actor, action, entity, entity_id, old_values, new_values FROM audit_log"
    with get_engine().connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.text(stmt + " ORDER BY id"))]
    return [r for r in rows if action is None or r["action"] == action]


def test_passwords_are_argon2id_and_never_stored_plain(database_url):
    digest = accounts.hash_password("rahasia-sekali")
    assert digest.startswith("$argon2id$")
    assert accounts.verify_password(digest, "rahasia-sekali")
    assert not accounts.verify_password(digest, "rahasia-salah!")
    assert not accounts.verify_password("bukan-hash", "rahasia-sekali")
    with get_engine().connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM app_user")).scalars().all()
    assert stored and all(h.startswith("$argon2id$") for h in stored)
    assert not any("contoh-" in h for h in stored)


def test_real_hashes_cost_64_mib_and_three_passes_in_one_lane(database_url):
    from argon2 import extract_parameters

    used = extract_parameters(accounts.hash_password("rahasia-sekali"))
    assert (used.memory_cost, used.time_cost, used.parallelism) == (65536, 3, 1)
    # A hash made before with four lanes: tests/test_hash_renewal.py


def test_demo_accounts_one_per_role_and_partner(database_url):
    users = accounts.list_users()
    roles = [u["role"] for u in users]
    assert roles.count("mitra") == 21 and {"pimpinan", "admin", "verifikator"} <= set(roles)
    assert all(u["is_demo"] for u in users)
    result = login.authenticate(username="mitra-3212", password="contoh-mitra-3212")
    assert result.reason == "ok" and result.account.role == "mitra"
    assert result.account.partner_id == 1


def test_wrong_and_unknown_give_the_same_answer(database_url):
    assert login.authenticate(username="pimpinan", password="salah-salah").reason == "wrong"
    assert login.authenticate(username="tidak-ada", password="salah-salah").reason == "wrong"


def test_five_failures_lock_for_fifteen_minutes(database_url):
    now = datetime(2026, 11, 27, 9, 0)
    for _ in range(4):
        assert login.authenticate(username="admin", password="x" * 12, now=now).reason == "wrong"
    locked = login.authenticate(username="admin", password="x" * 12, now=now)
    assert locked.reason == "locked" and locked.locked_until == now + timedelta(minutes=15)
    right = login.authenticate(username="admin", password="contoh-admin", now=now)
    assert right.reason == "locked"  # even the right password waits
    later = now + timedelta(minutes=16)
    assert login.authenticate(username="admin", password="contoh-admin", now=later).reason == "ok"
    assert len(_audit("login_failed")) == 6  # the right password while locked counts too


def test_user_management_is_validated(database_url):
    with pytest.raises(accounts.AccountError, match="minimal 12"):
        accounts.create_user(
            actor="admin", username="baru", full_name="B", role="admin", password="pendek"
        )
    with pytest.raises(accounts.AccountError, match="kode mitra"):
        accounts.create_user(
            actor="admin", username="baru", full_name="B", role="mitra", password="cukup-panjang"
        )
    with pytest.raises(accounts.AccountError, match="tidak dikenal"):
        accounts.create_user(
            actor="admin",
            username="baru",
            full_name="B",
            role="mitra",
            password="cukup-panjang",
            partner_code="99.99",
        )
    with pytest.raises(accounts.AccountError, match="sudah dipakai"):
        accounts.create_user(
            actor="admin", username="admin", full_name="B", role="admin", password="cukup-panjang"
        )
    with pytest.raises(accounts.AccountError, match="tidak ditemukan"):
        accounts.disable_user(actor="admin", username="tidak-ada")


def test_every_user_management_write_leaves_an_audit_row(database_url):
    before = len(_audit())
    user_id = accounts.create_user(
        actor="admin",
        username="operator-baru",
        full_name="Operator",
        role="mitra",
        password="kata-sandi-baru",
        partner_code="32.09",
    )
    accounts.reset_password(actor="admin", username="operator-baru", password="kata-sandi-lain")
    accounts.disable_user(actor="admin", username="operator-baru")
    rows = _audit()[before:]
    assert [r["action"] for r in rows] == ["create", "reset_password", "disable"]
    assert all(r["actor"] == "admin" and r["entity_id"] == str(user_id) for r in rows)
    assert json.loads(rows[0]["new_values"])["role"] == "mitra"
    assert "kata-sandi" not in json.dumps(rows)  # no password, no hash in the log
    assert json.loads(rows[2]["old_values"]) == {"disabled": False}
    assert (
        login.authenticate(username="operator-baru", password="kata-sandi-lain").reason
        == "disabled"
    )


def test_command_line_tool_creates_and_disables(database_url):
    def run(*args, stdin=""):
        return subprocess.run(
            [sys.executable, "-m", "data_access.accounts.users", "--actor", "ops", *args],
            input=stdin,
            capture_output=True,
            text=True,
        )

    made = run(
        "create",
        "kepala-biro",
        "--full-name",
        "Kepala Biro",
        "--role",
        "pimpinan",
        "--password-stdin",
        stdin="kata-sandi-kuat\n",
    )
    assert made.returncode == 0, made.stderr
    assert login.authenticate(username="kepala-biro", password="kata-sandi-kuat").reason == "ok"
    refused = run(
        "create",
        "x",
        "--full-name",
        "X",
        "--role",
        "mitra",
        "--password-stdin",
        stdin="kata-sandi-kuat\n",
    )
    assert refused.returncode == 2 and "kode mitra" in refused.stderr
    assert run("disable", "kepala-biro").returncode == 0
    assert "kepala-biro" in run("list").stdout


def test_production_refuses_demo_accounts(database_url, monkeypatch):
    assert accounts.production_problems() == []
    monkeypatch.setenv("APP_ENV", "production")
    problems = accounts.production_problems()
    assert any("akun contoh" in p for p in problems) and any("data contoh" in p for p in problems)
    assert any("SESSION_SECRET" in p for p in problems)
    monkeypatch.setenv("SESSION_SECRET", "k" * 40)
    assert not any("SESSION_SECRET" in p for p in accounts.production_problems())

    from tests.apptest import start

    at = start()
    assert not at.exception
    assert "mode produksi" in at.error[0].value
    assert not at.title  # no page was shown
