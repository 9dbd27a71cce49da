"""The login gate in front of every page: form, failures, lockout, idle timeout, logout, roles."""

from datetime import datetime, timedelta

from tests.apptest import ENTRY, open_page, start, texts
from ui.accounts.auth import AUTH_KEY


def _sign_in(at, username, password):
    at.text_input(key="w_login_user").input(username)
    at.text_input(key="w_login_password").input(password)
    at.button[0].click()
    at.run()
    return at


def test_nothing_but_the_login_form_before_sign_in(database_url):
    at = start(role=None)
    assert not at.exception
    assert [t.value for t in at.title] == ["Masuk"]
    assert not at.metric and not at.dataframe
    assert "pimpinan / contoh-pimpinan" in texts(at)


def test_wrong_password_then_right_one(database_url):
    at = _sign_in(start(role=None), "pimpinan", "bukan-ini-sandinya")
    assert "Nama pengguna atau kata sandi salah" in at.error[0].value
    assert at.text_input(key="w_login_password").value == ""
    at = _sign_in(at, "pimpinan", "contoh-pimpinan")
    assert not at.exception
    assert at.title[0].value == "Ringkasan Pelaksanaan Nota Kesepahaman"


def test_lockout_is_explained(database_url):
    at = start(role=None)
    for _ in range(5):
        at = _sign_in(at, "verifikator", "salah-salah-salah")
    assert "dikunci sampai pukul" in at.error[0].value
    at = _sign_in(at, "verifikator", "contoh-verifikator")
    assert "dikunci" in at.error[0].value


def test_idle_session_ends(database_url):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.session_state[AUTH_KEY] = {
        "username": "pimpinan",
        "full_name": "P",
        "role": "pimpinan",
        "partner_id": None,
        "last_seen": datetime.now() - timedelta(minutes=31),
    }
    at.run()
    assert at.title[0].value == "Masuk"
    assert "30 menit tidak ada aktivitas" in at.info[0].value


def test_signed_in_frame_names_the_account(database_url):
    # Signing out is clicked in a real browser (tests/browser): AppTest keeps the frame's
    # sidebar widgets only on the first run.
    at = start()
    assert "Masuk sebagai Pimpinan (Pimpinan)" in texts(at)
    assert at.button(key="w_logout").label == "Keluar"


def test_partner_operator_sees_only_its_own_profile(database_url):
    at = start(role="mitra")
    assert not at.exception
    assert at.title[0].value == "Beranda Pemerintah Kabupaten Indramayu"  # its home first
    at.query_params["mitra"] = "71.04"
    at.session_state["g_profile_partner"] = 16
    at = open_page(at, "pages/profil_mitra.py")
    assert at.title[0].value == "Pemerintah Kabupaten Indramayu"
    assert len(at.selectbox(key="w_profile").options) == 1
