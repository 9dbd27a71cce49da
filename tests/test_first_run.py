"""An empty database without demo data: its first admin is created in the browser, once;
operators get one-time passwords from an admin and replace them at the first sign-in."""

import threading

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_access.accounts import accounts, credentials, first_run, login
from data_access.accounts.accounts import AccountError
from data_access.store.access import AccessDenied, Viewer
from data_access.store.db import get_engine
from tests.apptest import ENTRY, open_page, start, texts
from ui.frame.state import AUTH_KEY, PROFILE_KEY

ADMIN = Viewer("admin", None, "admin")
STRONG = "Rembulan-di-Atas-Lorok"


def users() -> list[tuple]:
    with get_engine().connect() as conn:
        return conn.execute(sa.text("SELECT username, role FROM app_user ORDER BY id")).all()


def fill_first_admin(at: AppTest, username: str, name: str, password: str, again: str):
    at.text_input(key="w_first_user").input(username)
    at.text_input(key="w_first_name").input(name)
    at.text_input(key="w_first_password").input(password)
    at.text_input(key="w_first_again").input(again)
    at.button[0].click()
    return at.run()


def test_the_first_admin_is_created_in_the_browser_once(no_demo_database):
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Penyiapan: admin pertama"
    at = fill_first_admin(at, "kepala.data", "Kepala Data", "rahasia", "rahasia")
    assert "Kata sandi minimal 12 karakter." in [e.value for e in at.error]
    at = fill_first_admin(at, "kepala.data", "Kepala Data", STRONG, STRONG + "x")
    assert "Kedua kata sandi tidak sama. Ketik ulang keduanya." in [e.value for e in at.error]
    assert users() == []  # nothing half-written
    at = fill_first_admin(at, "kepala.data", "Kepala Data", STRONG, STRONG)
    assert at.title[0].value == "Masuk"
    assert "Admin pertama kepala.data dibuat." in texts(at)
    assert users() == [("kepala.data", "admin")]
    # A new visitor gets the sign-in form: the setup page is gone for good.
    again = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert again.title[0].value == "Masuk"
    with get_engine().connect() as conn:
        actions = conn.execute(sa.text("SELECT actor, action, entity FROM audit_log")).all()
    assert ("kepala.data", "create", "user") in actions


def test_the_first_admin_form_is_refused_once_any_admin_exists(database_url):
    assert first_run.first_admin_needed(viewer=Viewer.anonymous()) is False
    with pytest.raises(AccountError, match="Admin pertama sudah dibuat"):
        first_run.create_first_admin(username="penyusup", full_name="X", password=STRONG)
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert at.title[0].value == "Masuk"


def test_two_people_creating_the_first_admin_at_once_give_one_admin(no_demo_database):
    barrier = threading.Barrier(4)
    outcomes = []

    def claim(n: int) -> None:
        barrier.wait()
        try:
            first_run.create_first_admin(
                username=f"admin{n}", full_name=f"Admin {n}", password=STRONG
            )
            outcomes.append("ok")
        except AccountError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1, outcomes
    assert all("Admin pertama sudah dibuat" in o for o in outcomes if o != "ok")
    assert [role for _, role in users()] == ["admin"]


def test_an_operator_gets_a_one_time_password_and_must_replace_it(database_url):
    with pytest.raises(AccessDenied, match="Hanya admin"):
        credentials.create_account(
            viewer=Viewer("verifikator", None, "verifikator"),
            partner_id=16,
            username="op.talaud",
            full_name="Operator Talaud",
        )
    _, password = credentials.create_account(
        viewer=ADMIN, partner_id=16, username="op.talaud", full_name="Operator Talaud"
    )
    assert len(password) >= 12 and password != "op.talaud"
    result = login.authenticate(username="op.talaud", password=password)
    assert result.reason == "ok" and result.account.must_change_password
    assert result.account.partner_id == 16 and result.account.role == "mitra"
    me = Viewer("mitra", 16, "op.talaud")
    with pytest.raises(AccountError, match="tidak cocok"):
        credentials.change_own_password(viewer=me, current="salah-sekali", new=STRONG)
    with pytest.raises(AccountError, match="terlalu umum"):
        credentials.change_own_password(viewer=me, current=password, new="password123456")
    with pytest.raises(AccountError, match="berbeda"):
        credentials.change_own_password(viewer=me, current=password, new=password)
    key = credentials.change_own_password(viewer=me, current=password, new=STRONG)
    assert key == accounts.current_session_key("op.talaud")  # this session stays signed in
    assert login.authenticate(username="op.talaud", password=password).reason == "wrong"
    again = login.authenticate(username="op.talaud", password=STRONG)
    assert again.reason == "ok" and not again.account.must_change_password


def test_a_reset_gives_a_new_one_time_password(database_url):
    password = credentials.reset_to_one_time(viewer=ADMIN, username="verifikator")
    result = login.authenticate(username="verifikator", password=password)
    assert result.reason == "ok" and result.account.must_change_password
    with pytest.raises(AccessDenied, match="Hanya admin"):
        credentials.reset_to_one_time(viewer=Viewer("pimpinan", None, "pimpinan"), username="admin")


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="w_login_user").input(username)
    at.text_input(key="w_login_password").input(password)
    at.button[0].click()
    return at.run()


def save(at: AppTest) -> AppTest:
    return next(b for b in at.button if b.label == "Simpan kata sandi").click().run()


def test_an_admin_creates_an_operator_who_replaces_the_password_at_first_sign_in(database_url):
    at = start("admin")
    at.session_state[PROFILE_KEY] = 16  # Kab. Kepulauan Talaud
    at = open_page(at, "pages/profil_mitra.py")
    assert not at.exception
    assert "Akun operator mitra" in [s.value for s in at.subheader]
    at.text_input(key="w_account_user").input("op.talaud")
    at.text_input(key="w_account_name").input("Operator Talaud")
    at = next(b for b in at.button if b.label.startswith("Buat akun")).click().run()
    assert not at.error, [e.value for e in at.error]
    password = at.code[0].value
    assert "Kata sandi sekali pakai untuk op.talaud" in texts(at)
    at = at.run()  # shown once: gone at the next run
    assert not at.code
    taken = next(b for b in at.button if b.label.startswith("Buat akun"))
    at.text_input(key="w_account_user").input("OP.Talaud")
    at.text_input(key="w_account_name").input("Lagi")
    at = taken.click().run()
    assert any("sudah dipakai" in e.value for e in at.error)

    op = AppTest.from_file(ENTRY, default_timeout=60).run()
    op = sign_in(op, "op.talaud", password)
    assert op.title[0].value == "Ganti kata sandi"
    assert not op.dataframe and not op.metric  # nothing else opens before the change
    op.text_input(key="w_pw_current").input(password)
    op.text_input(key="w_pw_new").input("op.talaud-2026!")
    op.text_input(key="w_pw_again").input("op.talaud-2026!")
    op = save(op)
    assert "Kata sandi tidak boleh memuat nama pengguna." in [e.value for e in op.error]
    op.text_input(key="w_pw_current").input(password)
    op.text_input(key="w_pw_new").input(STRONG)
    op.text_input(key="w_pw_again").input(STRONG)
    op = save(op)
    assert not op.exception and op.title[0].value != "Ganti kata sandi"
    assert op.session_state[AUTH_KEY]["partner_id"] == 16  # signed in as Talaud's operator
    op = open_page(op, "pages/profil_mitra.py")
    assert not op.exception and "Pemerintah Kabupaten Kepulauan Talaud" in texts(op)
