"""Roles are named in one place (core.accounts.roles): no bare role string elsewhere in the product,
and the table of pages and actions is what each role has always had."""

import re
from pathlib import Path

from core.accounts import roles
from core.accounts.roles import Role

ROOT = Path(__file__).resolve().parent.parent
DEMO_GENERATORS = {
    "data_access/demo/demo.py",
    "data_access/demo/demo_assessments.py",
    "data_access/demo/demo_records.py",
}
PRODUCT = ("core", "data_access", "ui", "pages", "briefing", "notifications")
NAMES = "|".join(r.value for r in Role)
ROLE_LITERAL = re.compile(rf"""(["'])({NAMES})\1""")


def _product_files():
    for folder in PRODUCT:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            # The role module itself; migrations (history, as written then); the demo data
            # generators (demo accounts are named after their roles).
            if relative == "core/accounts/roles.py" or "/migrations/" in relative:
                continue
            if relative in DEMO_GENERATORS:
                continue
            yield relative, path
    for name in ("dashboard.py", "app.py"):
        yield name, ROOT / name


def test_no_role_is_named_by_a_bare_string_outside_the_role_module():
    found = []
    for relative, path in _product_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ROLE_LITERAL.search(line) and "(not a role)" not in line:
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "use core.accounts.roles.Role:\n" + "\n".join(found)


def test_the_role_scan_finds_what_it_looks_for():
    assert ROLE_LITERAL.search('if me["role"] == "mitra":')
    assert ROLE_LITERAL.search("Viewer('pimpinan')")
    assert not ROLE_LITERAL.search('"mitra_id"') and not ROLE_LITERAL.search("Role.ADMIN")


def test_every_page_belongs_to_the_table_and_each_role_sees_what_it_always_saw():
    pages = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")}
    assert roles.PAGES[Role.ADMIN] == pages
    assert roles.PAGES[Role.MITRA] == {
        "pages/beranda.py", "pages/profil_mitra.py", "pages/penilaian_mandiri.py",
        "pages/hasil_penilaian.py", "pages/pelaporan.py",
    }  # fmt: skip
    assert roles.PAGES[Role.VERIFIKATOR] == pages - roles.ADMIN_ONLY
    assert roles.PAGES[Role.PIMPINAN] == pages - roles.ADMIN_ONLY - {
        "pages/pelaporan.py",
        "pages/beranda.py",
    }
    assert set(roles.PAGES) == set(Role)
    for role in Role:
        assert roles.may_open(role.value, "pages/profil_mitra.py")  # as stored: a plain str
    assert not roles.may_open("", "pages/ringkasan.py") and not roles.may_open(None, "x")
    assert not roles.may_open("Admin", "pages/audit.py")  # only the stored spelling


def test_actions_and_the_stored_constraint_follow_the_enum():
    from data_access.models.accounts import ROLES, User

    assert roles.may("verifikator", "decide") and roles.may("admin", "decide")
    assert not roles.may("pimpinan", "decide") and not roles.may("mitra", "decide")
    assert not roles.may("", "comment") and roles.may("mitra", "comment")
    assert ROLES == tuple(r.value for r in Role) and set(roles.STAFF) == set(Role) - {Role.MITRA}
    checks = [str(c.sqltext) for c in User.__table__.constraints if hasattr(c, "sqltext")]
    assert "role IN ('pimpinan', 'admin', 'verifikator', 'mitra')" in checks
    assert roles.home_page("mitra") == "pages/beranda.py"
    assert roles.home_page("pimpinan") == roles.home_page(None) == "pages/ringkasan.py"
