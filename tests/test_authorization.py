"""Who may change what and open which page: every role × every page, every write command
called directly, for a partner's own data and another partner's (reads:
tests/test_read_authorization.py)."""

from datetime import date

import pytest

from core.assessment.instrument import load_instrument
from data_access.assessment import assessment as a
from data_access.store import audit
from data_access.store.access import AccessDenied, stand_in
from tests import registry_writes
from tests.apptest import ACCOUNTS, open_page, start, texts
from tests.viewers import OTHER, OWN, VIEWERS
from ui.frame.frame import PAGE_FILES

# Partners report TW I 2026 here: the day is in the window where that report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")

ADMIN_PAGES = {"pages/audit.py", "pages/impor_data.py", "pages/registri_mitra.py"}
PAGES_OF = {
    "pimpinan": set(PAGE_FILES) - {*ADMIN_PAGES, "pages/pelaporan.py", "pages/beranda.py"},
    "verifikator": set(PAGE_FILES) - ADMIN_PAGES,
    "admin": set(PAGE_FILES),
    "mitra": {
        "pages/beranda.py",
        "pages/profil_mitra.py",
        "pages/penilaian_mandiri.py",
        "pages/hasil_penilaian.py",
        "pages/pelaporan.py",
    },
}


def _fill(viewer, partner_id):
    return a.save_draft(
        viewer=viewer,
        partner_id=partner_id,
        year=2026,
        answers={"PS1": a.Answer(level=1, evidence_text="x")},
        expected_version=None,
    )


def _submit(viewer, partner_id):
    return a.submit(viewer=viewer, partner_id=partner_id, year=2026, expected_version=1)


def _review(viewer, partner_id):
    return a.review(
        viewer=viewer,
        partner_id=partner_id,
        year=2026,
        reviews={},
        expected_version=2,
    )


def _plan(viewer, partner_id):
    return a.save_plan(
        viewer=viewer,
        partner_id=partner_id,
        year=2026,
        indicator_code="PS1",
        action="x",
        owner="y",
        due_on=date(2026, 12, 31),
    )


WRITES = {"save_draft": _fill, "submit": _submit, "review": _review, "save_plan": _plan}
# Which (role, whose partner) may run each command.
ALLOWED = {
    "save_draft": {("mitra", "own"), ("admin", "own"), ("admin", "other")},
    "submit": {("mitra", "own"), ("admin", "own"), ("admin", "other")},
    "save_plan": {("mitra", "own"), ("admin", "own"), ("admin", "other")},
    "review": {(r, w) for r in ("verifikator", "admin") for w in ("own", "other")},
}


def _prepared(partner_id):
    """A submitted 2026 assessment with every indicator answered, for the later commands."""
    codes = load_instrument().codes
    admin = VIEWERS["admin"]
    answers = {c: a.Answer(level=1, evidence_text="bukti") for c in codes}
    version = a.save_draft(
        viewer=admin, partner_id=partner_id, year=2026, answers=answers, expected_version=None
    )
    assert version == 1


@pytest.mark.parametrize("command", sorted(WRITES))
@pytest.mark.parametrize("role", ["pimpinan", "admin", "verifikator", "mitra", "anonim"])
@pytest.mark.parametrize("whose", ["own", "other"])
def test_write_matrix(database_url, command, role, whose):
    partner_id = OWN if whose == "own" else OTHER
    if command in ("submit", "review"):
        _prepared(partner_id)
    if command == "review":
        a.submit(viewer=VIEWERS["admin"], partner_id=partner_id, year=2026, expected_version=1)
    trail = len(audit.audit_entries(viewer=VIEWERS["admin"]))
    if (role, whose) in ALLOWED[command]:
        WRITES[command](VIEWERS[role], partner_id)
        assert len(audit.audit_entries(viewer=VIEWERS["admin"])) > trail
    else:
        with pytest.raises(AccessDenied):
            WRITES[command](VIEWERS[role], partner_id)
        assert len(audit.audit_entries(viewer=VIEWERS["admin"])) == trail


@pytest.mark.parametrize("role", ["pimpinan", "admin", "verifikator", "mitra"])
def test_navigation_shows_each_role_its_pages(database_url, role):
    at = start(role)
    for page in PAGE_FILES:
        if page in PAGES_OF[role]:
            open_page(at, page)
            assert not at.exception, (role, page)
        else:
            # AppTest refuses a page outside the navigation of a fresh session.
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                start(role).switch_page(page)


def test_a_partner_asking_for_another_profile_gets_its_own(database_url):
    at = start("mitra")
    at.query_params["mitra"] = "71.04"
    open_page(at, "pages/profil_mitra.py")
    assert not at.exception
    assert at.title[-1].value == "Pemerintah Kabupaten Indramayu"
    assert "Talaud" not in texts(at)


def test_a_partner_gets_no_partner_choice_on_the_assessment_pages(database_url):
    at = open_page(start("mitra"), "pages/penilaian_mandiri.py")
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "w_assess_partner"]
    assert ACCOUNTS["mitra"]["partner_id"] == OWN


def test_peer_stand_ins_cannot_be_computed_from_the_real_ids():
    import hashlib

    from data_access.store import access

    unsalted = -(int.from_bytes(hashlib.sha256(b"peer:2").digest()[:4], "big") % 1_000_000 + 1)
    assert stand_in(2) != unsalted
    assert len({stand_in(n) for n in range(1, 515)}) == 514  # distinct for every partner
    assert isinstance(access._PEER_KEY, bytes) and len(access._PEER_KEY) == 32


ADMIN_WRITES = sorted(registry_writes.writes(VIEWERS["admin"]))


@pytest.mark.parametrize("command", ADMIN_WRITES)
@pytest.mark.parametrize("role", ["pimpinan", "verifikator", "mitra", "anonim"])
def test_registry_and_account_writes_are_for_admins_only(database_url, command, role):
    trail = len(audit.audit_entries(viewer=VIEWERS["admin"]))
    with pytest.raises(AccessDenied):
        registry_writes.writes(VIEWERS[role])[command]()
    assert len(audit.audit_entries(viewer=VIEWERS["admin"])) == trail
    registry_writes.writes(VIEWERS["admin"])[command]()
    assert len(audit.audit_entries(viewer=VIEWERS["admin"])) > trail
