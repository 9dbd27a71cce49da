"""The password policy, the same in the app and on the command line, and usernames that are
one account whatever their case."""

import subprocess
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.accounts.passwords import MAX_LENGTH, MIN_LENGTH, problem
from data_access.accounts import accounts


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("pendek-saja", "minimal 12"),
        ("            ", "hanya spasi"),
        ("zzzzzzzzzzzzzzzz", "satu karakter yang diulang"),
        ("budi.santoso", "nama pengguna"),
        ("xx-Budi.Santoso-2026", "nama pengguna"),
        ("password1234", "terlalu umum"),
        ("Bismillah2025!", "terlalu umum"),
        ("123456789012", "terlalu umum"),
        ("x" * (MAX_LENGTH + 1), f"paling banyak {MAX_LENGTH}"),
    ],
)
def test_refused_passwords_say_why(password, why):
    assert why in problem(password, "budi.santoso")


def test_a_long_unusual_password_is_accepted():
    assert problem("Garam-di-Laut-Asam-di-Gunung", "budi.santoso") is None


@given(st.text(max_size=MIN_LENGTH - 1))
def test_anything_shorter_than_the_minimum_is_refused(password):
    assert problem(password) is not None


@given(st.text(min_size=MIN_LENGTH, max_size=40))
def test_a_single_repeated_character_is_always_refused(text):
    assert problem(text[0] * len(text)) is not None


def test_the_app_and_the_command_line_apply_the_same_policy(database_url):
    with pytest.raises(accounts.AccountError, match="terlalu umum"):
        accounts.create_user(
            actor="admin", username="kepala", full_name="K", role="pimpinan",
            password="rahasia12345",
        )  # fmt: skip
    with pytest.raises(accounts.AccountError, match="nama pengguna"):
        accounts.reset_password(actor="admin", username="pimpinan", password="pimpinan-2026-baru")
    made = subprocess.run(
        [sys.executable, "-m", "data_access.accounts.users", "--actor", "ops", "create", "kepala",
         "--full-name", "Kepala", "--role", "pimpinan", "--password-stdin"],
        input="indonesia2026\n", capture_output=True, text=True,
    )  # fmt: skip
    assert made.returncode == 2 and "terlalu umum" in made.stderr


def test_usernames_are_one_account_whatever_their_case(database_url):
    with pytest.raises(accounts.AccountError, match="sudah dipakai"):
        accounts.create_user(
            actor="admin", username="Admin", full_name="A", role="admin",
            password="Garam-di-Laut-Asam-di-Gunung",
        )  # fmt: skip


def test_two_admins_creating_the_same_name_in_two_cases_at_once(database_url):
    """The unique key in the schema decides the race: one account, the other refused."""
    start, results = threading.Barrier(2), []

    def create(name):
        start.wait()
        try:
            accounts.create_user(
                actor="admin", username=name, full_name=name, role="verifikator",
                password="Garam-di-Laut-Asam-di-Gunung",
            )  # fmt: skip
            results.append("ok")
        except accounts.AccountError as exc:
            results.append(str(exc))

    threads = [threading.Thread(target=create, args=(n,)) for n in ("Sari.Dewi", "sari.dewi")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("ok") == 1, results
    assert "sudah dipakai" in [r for r in results if r != "ok"][0]
    names = [u["username"].lower() for u in accounts.list_users()]
    assert names.count("sari.dewi") == 1
