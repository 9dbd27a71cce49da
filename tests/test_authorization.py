"""Who may see and change what: every role × every page, every read and every write command
called directly, for a partner's own data and another partner's."""

import inspect
from datetime import date, datetime

import pandas as pd
import pytest

from core.instrument import load_instrument
from data_access import assessment as a
from data_access import audit
from data_access.access import AccessDenied, Viewer, stand_in
from tests import registry_writes
from tests.apptest import ACCOUNTS, open_page, start, texts
from ui.data import FRESH, READS
from ui.frame import PAGE_FILES

# Partners report TW I 2026 here: the day is in the window where that report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")


OWN, OTHER = 1, 16  # Kab. Indramayu (the demo mitra account's partner), Kab. Kepulauan Talaud
VIEWERS = {
    "pimpinan": Viewer("pimpinan", username="pimpinan"),
    "admin": Viewer("admin", username="admin"),
    "verifikator": Viewer("verifikator", username="verifikator"),
    "mitra": Viewer("mitra", OWN, "mitra-3212"),
    "anonim": Viewer.anonymous(),
}
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
# Arguments for each read; `partner_id` is added where the function takes it.
ARGS = {
    "dataset_info": {},
    "filter_options": {},
    "list_partners": {},
    "reporting_by_quarter": {},
    "budget_by_partner": {"year": 2025, "quarter": 4},
    "budget_by_quarter": {},
    "budget_by_source": {"year": 2025, "quarter": 4},
    "training_by_partner": {"year": 2025, "quarter": 4},
    "cohorts_by_destination": {"year": 2025, "quarter": 4},
    "coverage_by_partner": {"year": 2025, "quarter": 4},
    "events_by_quarter": {},
    "events_by_topic": {"year": 2025, "quarter": 4},
    "villages_of_partner": {"year": 2025, "quarter": 4},
    "village_codes": {},
    "mou_registry": {},
    "pks_list": {},
    "deliverables_matrix": {"as_of": date(2025, 12, 31)},
    "deliverables_of_partner": {},
    "outcomes_by_partner": {"years": (2024, 2025)},
    "yearly_beside_quarterly": {"years": (2024, 2025)},
    "scorecard_inputs": {"year": 2025, "quarter": 4},
    "audit_entries": {},
    "partner_accounts": {},
    "audit_choices": {},
    "assessment_detail": {"year": 2025},
    "assessment_overview": {"year": 2025},
    "assessment_levels": {"years": (2025,)},
    "followup_plans": {"year": 2025},
    "unverified_reports": {"year": 2025, "quarter": 4},
    "submission_overview": {"year": 2025},
    "submission_history": {"year": 2025, "quarter": 4},
    "report_rows": {"year": 2025, "quarter": 4},
    "report_totals": {"year": 2025, "quarter": 4},
    "report_grid": {"year": 2025},
    "figure_history": {},
    "figure_checks": {"year": 2025},
    "staff_accounts": {},
    "setup_counts": {},
    "area_summary": {},
    "loaded_areas": {},
    "municipalities": {},
    "registry_partners": {},
    "agreements_of": {},
    "pks_of": {},
    "follow_through_items": {},
    "registry_targets": {"year": 2026},
    "live_sessions": {},
    "access_requests": {},
    "partner_home": {"as_of": date(2026, 11, 27)},
    "waiting_decisions": {},
    "comment_threads": {},
    "mail_log": {},
    "mail_counts": {"since": datetime(2026, 1, 1)},
}
ALL_READS = {**READS, **FRESH}
IDENTITY = ("code", "short_name", "name", "province", "region_name", "lat", "lon")


def takes_partner(function) -> bool:
    return "partner_id" in inspect.signature(function.__wrapped__).parameters


def call(name: str, viewer: Viewer, partner_id=None):
    function = ALL_READS[name]
    arguments = dict(ARGS[name])
    if takes_partner(function):
        arguments["partner_id"] = partner_id
    return function(viewer=viewer, **arguments)


def frames(result) -> list[pd.DataFrame]:
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, dict):
        return [v for v in result.values() if isinstance(v, pd.DataFrame)]
    return []


def test_every_read_has_a_policy_and_arguments():
    assert set(ALL_READS) == set(ARGS)
    for name, function in ALL_READS.items():
        assert getattr(function, "policy", None), f"{name} is not guarded"


@pytest.mark.parametrize("role", ["pimpinan", "admin", "verifikator"])
def test_staff_read_every_partner(database_url, role):
    for name in ALL_READS:
        if ALL_READS[name].policy == "admin" and role != "admin":
            with pytest.raises(AccessDenied):
                call(name, VIEWERS[role])
            continue
        for frame in frames(call(name, VIEWERS[role], partner_id=OTHER)):
            if "partner_id" in frame.columns and len(frame):
                assert (frame["partner_id"] > 0).all(), name


@pytest.mark.parametrize("name", sorted(ARGS))
def test_a_partner_reads_its_own_detail_and_only_anonymous_peers(database_url, name):
    mitra, function = VIEWERS["mitra"], ALL_READS[name]
    if function.policy in ("staff", "admin"):
        with pytest.raises(AccessDenied):
            call(name, mitra)
        return
    if takes_partner(function):
        with pytest.raises(AccessDenied):
            call(name, mitra, partner_id=OTHER)
        # Asking for "all partners" gives its own partner only.
        for frame in frames(call(name, mitra, partner_id=None)):
            if "partner_id" in frame.columns:
                assert set(frame["partner_id"]) <= {OWN}, name
    for frame in frames(call(name, mitra, partner_id=OWN)):
        if "partner_id" not in frame.columns:
            continue
        peers = frame[frame["partner_id"] != OWN]
        assert (peers["partner_id"] < 0).all(), name
        for column in IDENTITY:
            if column in peers.columns:
                assert peers[column].isna().all(), f"{name}.{column} names a peer"
        own = frame[frame["partner_id"] == OWN]
        if "short_name" in own.columns and len(own):
            assert set(own["short_name"]) == {"Kab. Indramayu"}


def test_nobody_reads_anything_but_the_demo_flag_before_sign_in(database_url):
    for name, function in ALL_READS.items():
        if function.policy == "public":
            call(name, VIEWERS["anonim"])
        else:
            with pytest.raises(AccessDenied):
                call(name, VIEWERS["anonim"])
    with pytest.raises(AccessDenied):
        ALL_READS["list_partners"](viewer=None)


def test_peer_stand_ins_join_across_frames_of_one_read(database_url):
    inputs = call("scorecard_inputs", VIEWERS["mitra"])
    ids = [set(f["partner_id"]) for f in inputs.values()]
    assert ids[0] == ids[1] == ids[2]
    assert stand_in(OTHER) in ids[0] and OTHER not in ids[0]


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

    from data_access import access

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
