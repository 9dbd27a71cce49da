"""The audit trail: admins read and filter it in the app; nobody else can, in the page or below."""

from datetime import date

import pytest

from data_access.accounts import accounts, login
from data_access.store import audit
from data_access.store.access import Viewer
from tests.apptest import open_page, start
from tests.viewers import ADMIN


def test_only_admins_read_the_trail(database_url):
    for role, partner_id in (("pimpinan", None), ("verifikator", None), ("mitra", 1), ("", None)):
        with pytest.raises(audit.AccessDenied):
            audit.audit_entries(viewer=Viewer(role, partner_id))
        with pytest.raises(audit.AccessDenied):
            audit.audit_choices(viewer=Viewer(role, partner_id))
    entries = audit.audit_entries(viewer=ADMIN)
    assert len(entries) == 24  # one "create" per demo account
    assert set(entries["action"]) == {"create"} and set(entries["actor"]) == {"sistem"}


def test_filters_narrow_the_trail(database_url):
    login.authenticate(username="pimpinan", password="salah-salah-salah")
    accounts.disable_user(actor="admin", username="mitra-7104")
    disabled = audit.audit_entries(viewer=ADMIN, action="disable")
    assert disabled[["actor", "entity"]].values.tolist() == [["admin", "user"]]
    assert len(audit.audit_entries(viewer=ADMIN, actor="pimpinan")) == 1
    assert audit.audit_entries(viewer=ADMIN, until=date(2020, 1, 1)).empty
    assert len(audit.audit_entries(viewer=ADMIN, since=date.today())) == 26
    choices = audit.audit_choices(viewer=ADMIN)
    assert {"admin", "pimpinan", "sistem"} <= set(choices["actors"])


def test_admin_sees_the_audit_page(database_url):
    at = open_page(start(role="admin"), "pages/audit.py")
    assert not at.exception
    assert at.title[0].value == "Jejak Audit"
    assert len(at.dataframe[0].value) == 24


def test_audit_page_is_not_in_leadership_navigation(database_url):
    at = start(role="pimpinan")
    with pytest.raises(Exception):  # noqa: B017 - AppTest refuses a page outside the navigation
        open_page(at, "pages/audit.py")


def test_the_audit_writer_lives_beside_the_audit_reads_and_is_the_only_one():
    """Every audit row is written by data_access.store.audit.record: no module imports it from
    elsewhere, and none inserts into the audit table itself."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "data_access"
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and any(a.name == "record" for a in node.names):
                assert node.module == "data_access.store.audit", f"{path.name} imports record"
        if path.name != "audit.py":
            assert "insert(m.AuditLog)" not in path.read_text(encoding="utf-8"), path.name
