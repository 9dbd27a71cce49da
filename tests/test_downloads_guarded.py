"""Downloads are built when clicked, outside the page's run: the template still knows its
account, and a session that has ended or gone idle gets nothing."""

import io
from datetime import datetime, timedelta

import openpyxl
import pytest
import streamlit as st

from tests.viewers import ADMIN
from ui.accounts import auth
from ui.frame.state import AUTH_KEY
from ui.imports.importer import template_bytes


@pytest.mark.parametrize("kind", ["anggaran", "sosialisasi", "pelatihan", "luaran"])
def test_templates_build_for_admin_and_partner_outside_a_run(database_url, kind):
    from data_access.store.access import Viewer

    for viewer in (ADMIN, Viewer("mitra", 1, "mitra-3212")):
        book = openpyxl.load_workbook(io.BytesIO(template_bytes(kind, viewer)))
        assert "Data" in book.sheetnames


def test_a_download_is_refused_once_the_session_is_idle_or_signed_out():
    st.session_state[AUTH_KEY] = {"username": "pimpinan", "last_seen": datetime.now()}
    data = auth.guarded_download(lambda: b"isi")
    assert data() == b"isi"
    st.session_state[AUTH_KEY]["last_seen"] = datetime.now() - timedelta(minutes=31)
    with pytest.raises(auth.SessionEnded):
        data()
    st.session_state[AUTH_KEY]["last_seen"] = datetime.now()
    assert data() == b"isi"
    auth.sign_out()
    with pytest.raises(auth.SessionEnded):
        data()
