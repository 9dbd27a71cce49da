"""Who may read what: every read function called directly and through the app's shared
read cache, by every role, for a partner's own data and another partner's."""

import inspect
from datetime import date, datetime

import pandas as pd
import pytest

from data_access.store.access import AccessDenied, Viewer, stand_in
from tests.viewers import OTHER, OWN, VIEWERS
from ui.frame.data import FRESH, READS

# As in tests/test_authorization.py: a day in the window where the TW I 2026 report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")

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
    "briefing_comments": {"year": 2025, "quarter": 4},
    "first_admin_needed": {},
    "partner_targets": {"year": 2026},
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


@pytest.mark.parametrize("first", ["pimpinan", "mitra"])
def test_the_read_cache_shared_by_every_viewer_answers_each_as_its_guard_says(database_url, first):
    """ui.frame.data keeps one answer per read and arguments for every viewer: whoever filled it,
    a partner gets its own partner and anonymous peers, staff get every name, and a read a
    partner may not make is refused before the cache is asked."""
    from ui.frame.data import read

    order = [first, "mitra" if first == "pimpinan" else "pimpinan"]
    for name in sorted(READS):
        function = READS[name]
        for role in order:
            viewer, arguments = VIEWERS[role], dict(ARGS[name])
            if takes_partner(function):
                arguments["partner_id"] = OWN
            if role == "mitra" and function.policy in ("staff", "admin"):
                with pytest.raises(AccessDenied):
                    read(function, viewer=viewer, **arguments)
                continue
            got = frames(read(function, viewer=viewer, **arguments))
            direct = frames(function(viewer=viewer, **arguments))
            for shown, expected in zip(got, direct, strict=True):
                pd.testing.assert_frame_equal(shown, expected, obj=f"{name} as {role}")


def test_pages_name_every_read_by_reference_and_each_read_has_a_policy():
    """No read is named by a string: ui.frame.data.read takes the guarded function itself, and
    refuses anything else (a name, an unguarded function)."""
    import ast
    import re
    from pathlib import Path

    from ui.frame.data import read

    root = Path(__file__).resolve().parent.parent
    by_string = re.compile(r"""\bread(_fresh)?\(\s*["']""")
    for folder in ("ui", "pages", "briefing", "notifications"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not by_string.search(text), path
            assert "read_fresh" not in text, path
            for call in ast.walk(ast.parse(text)):
                if not isinstance(call, ast.Call) or not call.args:
                    continue
                named = call.func
                if (isinstance(named, ast.Name) and named.id == "read") or (
                    isinstance(named, ast.Attribute) and named.attr == "read"
                    and isinstance(named.value, ast.Name) and named.value.id == "data"
                ):  # fmt: skip
                    # module.read_function (or reads.module.read_function), never a variable
                    assert isinstance(call.args[0], ast.Attribute), (path, call.lineno)
    for wrong in ("list_partners", ALL_READS["list_partners"].__wrapped__, print):
        with pytest.raises(TypeError, match="guarded read"):
            read(wrong, viewer=VIEWERS["pimpinan"])
    for function in ALL_READS.values():
        assert function.policy and isinstance(function.cached, bool)
