"""From demo to real: the demo data and demo accounts leave in one audited step, real
accounts and the audit trail stay, and the demo label goes with them."""

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access import models as m
from data_access.accounts import accounts
from data_access.demo import demo_removal
from data_access.figures import partners
from data_access.store import audit, changes
from data_access.store.db import get_engine
from tests.apptest import open_page, start, texts
from tests.viewers import ADMIN

ROOT = Path(__file__).resolve().parent.parent
REAL = {"actor": "admin", "full_name": "Kepala Biro", "password": "Garam-di-Laut-Asam-di-Gunung"}


def rows(table) -> int:
    with get_engine().connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar())


def test_the_demo_leaves_and_real_accounts_and_the_audit_trail_stay(database_url):
    with pytest.raises(demo_removal.DemoRemovalError, match="akun admin sungguhan"):
        demo_removal.remove_demo_data(actor="ops")  # else nobody could sign in afterwards
    accounts.create_user(username="kepala-biro", role="admin", **REAL)
    audit_before, counted = rows(m.AuditLog), changes.version()
    removed = demo_removal.remove_demo_data(actor="kepala-biro")
    assert changes.version() == counted + 1  # every app process drops its cached figures
    assert removed["partner"] == 21 and removed["app_user (demo)"] == 24
    for table in m.Base.metadata.sorted_tables:
        if table.name not in demo_removal.KEPT:
            assert rows(table) == 0, table.name
    assert [u["username"] for u in accounts.list_users()] == ["kepala-biro"]  # real ones stay
    assert rows(m.AuditLog) == audit_before + 1
    last = audit.audit_entries(viewer=ADMIN, action="remove_demo").iloc[0]
    assert last["actor"] == "kepala-biro" and '"partner": 21' in last["old_values"]
    assert partners.dataset_info(viewer=ADMIN)["is_demo"] is False
    from data_access.registry import reference_areas

    assert reference_areas.area_summary(viewer=ADMIN) == {"version": "", "counts": {}}
    at = start(account={"username": "kepala-biro", "full_name": "Kepala Biro",
                        "role": "admin", "partner_id": None})  # fmt: skip
    assert not at.exception
    assert "Data contoh" not in texts(at)
    with pytest.raises(demo_removal.DemoRemovalError, match="tidak memuat data contoh"):
        demo_removal.remove_demo_data(actor="kepala-biro")


def test_a_real_partner_account_on_a_demo_partner_stops_the_removal(database_url):
    accounts.create_user(username="kepala-biro", role="admin", **REAL)
    accounts.create_user(username="op-indramayu", role="mitra", partner_code="32.12", **REAL)
    with pytest.raises(demo_removal.DemoRemovalError, match="op-indramayu"):
        demo_removal.remove_demo_data(actor="admin")
    assert rows(m.Partner) == 21  # nothing removed


def test_the_command_asks_for_confirmation(database_url):
    accounts.create_user(username="kepala-biro", role="admin", **REAL)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "data_access.demo.demo_removal", *args],
                              capture_output=True, text=True, cwd=ROOT)  # fmt: skip

    refused = run("--actor", "ops")
    assert refused.returncode == 2 and "--yes" in refused.stderr and rows(m.Partner) == 21
    done = run("--actor", "ops", "--yes")
    assert done.returncode == 0 and "Data contoh dihapus" in done.stdout, done.stderr
    assert rows(m.Partner) == 0


def test_an_admin_removes_the_demo_in_the_app_after_typing_the_word(database_url):
    accounts.create_user(username="kepala-biro", role="admin", **REAL)
    demo_admin = open_page(start("admin"), "pages/impor_data.py")
    demo_admin.text_input(key="w_demo_removal_typed").input("HAPUS DATA CONTOH").run()
    demo_admin.button(key="w_demo_removal").click().run()
    assert "Hanya akun admin sungguhan" in texts(demo_admin)  # a demo account may not
    assert rows(m.Partner) == 21

    account = {"username": "kepala-biro", "full_name": "Kepala Biro", "role": "admin",
               "partner_id": None}  # fmt: skip
    at = open_page(start(account=account), "pages/impor_data.py")
    assert at.button(key="w_demo_removal").disabled  # nothing typed yet
    at.text_input(key="w_demo_removal_typed").input("hapus").run()
    assert at.button(key="w_demo_removal").disabled
    at.text_input(key="w_demo_removal_typed").input("HAPUS DATA CONTOH").run()
    at.button(key="w_demo_removal").click().run()
    assert not at.exception
    assert any(s.value.startswith("Data contoh dihapus") for s in at.success)
    assert rows(m.Partner) == 0 and not [b for b in at.button if b.key == "w_demo_removal"]
    assert "Data contoh." not in texts(at)  # the demo banner is gone
