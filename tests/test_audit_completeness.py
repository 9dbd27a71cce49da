"""Every function in data_access that writes leaves an audit row in the same transaction:
found by reading the code (any public function that inserts or updates), then run one by one."""

import ast
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from core.assessment.instrument import load_instrument
from data_access import models as m
from data_access.accounts import accounts, credentials, first_run, login, sessions, sso
from data_access.assessment import assessment as a
from data_access.demo import demo_removal
from data_access.figures import completeness
from data_access.imports import imports
from data_access.reporting import comments, submissions
from data_access.store import audit
from data_access.store.access import Viewer
from data_access.store.db import get_engine
from tests import registry_writes
from tests.viewers import ADMIN, VERIFIER

# Partners report TW I 2026 here: the day is in the window where that report is due.
pytestmark = pytest.mark.usefixtures("reporting_window")


ROOT = Path(__file__).resolve().parent.parent / "data_access"
# Loading files into an empty database, rebuilding derived tables and moving a report's rows
# between layers are not user actions: the demo load runs before anyone exists, and summaries
# and layers change only inside audited writes (submissions, imports).
NOT_USER_WRITES = {
    "setup.py",
    "demo.py",
    "demo_records.py",
    "demo_assessments.py",
    "summaries.py",
    "layers.py",
}
OPERATOR = Viewer("mitra", 16, "mitra-7104")
# A browser session's own bookkeeping: the hand-over of its cookie and its last activity.
# Sign-in and the end of a session are audited (login, session_ended); the two helpers of
# session_rows run only inside audited writes (disable, reset_password, change_password).
SESSION_BOOKKEEPING = {
    "sessions.check",
    "sessions.redeem",
    "session_rows.end_all_of",
    "session_rows.rekey",
    # Inside the audited sign-in that made the hash again (its login row says hash_renewed).
    "session_rows.carry_over",
    # Notifications are written inside the audited report decisions that they tell of; a
    # reader marking its own as read changes nothing but that mark.
    "notifications.tell_of_report",
    "notifications.mark_read",
    "notifications.tell_of_comment",
    "notifications.tell_of_assessment",
    # The reminders' runner keeps its own log, which admins read: every reminder recorded
    # and every mail with its sending state and last error.
    "reminders.record",
    "reminders.claim",
    "reminders.sent",
    "reminders.failed",
    # The count of changes that tells app processes to drop their caches; the change it
    # counts is audited where it is made.
    "changes.bump",
    "changes.counted",
    # A failed sign-in counted for its address is audited with the attempt (login_failed,
    # login_refused); forgetting them is for tests.
    "login.forget_clients",
    # Holds the partners' rows for the audited write that takes it (a report opened, an
    # import); on SQLite a write that changes nothing.
    "submissions.lock_partners",
}


def _called(node) -> set[str]:
    return {
        c.func.id
        for c in ast.walk(node)
        if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
    }


def _functions(tree) -> dict:
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _modules() -> list:
    """The modules of data_access's domain packages (models and migrations aside)."""
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if path.name != "__init__.py" and not {"models", "migrations"} & set(path.parts)
    ]


def writing_functions() -> set[str]:
    """module.function of every public top-level function that inserts, updates or deletes,
    itself or through private helpers, its module's or imported from another data_access
    module (`record`, the audit writer, aside), or that calls such a public function of
    another data_access module."""
    found = _direct_writers()
    trees = {path: ast.parse(path.read_text()) for path in _modules()}
    for path, tree in trees.items():
        if path.name in NOT_USER_WRITES:
            continue
        imported = {
            alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("data_access.")
            for alias in node.names
            if f"{node.module.split('.')[-1]}.{alias.name}" in found
        }
        functions = _functions(tree)
        for name, node in functions.items():
            if not name.startswith("_") and _used(node, functions) & imported:
                found.add(f"{path.stem}.{name}")
    return found


def _used(node, functions: dict) -> set[str]:
    """Names a function calls, itself or through the module's private helpers it calls or
    hands on as values (a table of writers chosen by kind)."""
    names = _called(node) | {
        n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id.startswith("_")
    }
    seen: set[str] = set()
    while helpers := {n for n in names if n in functions and n.startswith("_")} - seen:
        seen |= helpers
        for helper in helpers:
            names |= _called(functions[helper])
    return names


def _direct_writers() -> set[str]:
    trees = {path: ast.parse(path.read_text()) for path in _modules()}
    by_module = {path.stem: _functions(tree) for path, tree in trees.items()}
    found = set()
    for path, tree in trees.items():
        if path.name in NOT_USER_WRITES:
            continue
        functions = _functions(tree)
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("data_access."):
                source = by_module.get(node.module.split(".")[-1], {})
                for alias in node.names:
                    if alias.name.startswith("_") and alias.name in source:
                        functions.setdefault(alias.name, source[alias.name])
        for name, node in list(functions.items()):
            if name not in _functions(tree):
                continue  # an imported helper is checked where it is used
            if name.startswith("_") or name == "record":
                continue
            calls, seen = _called(node), set()
            while helpers := {c for c in calls if c in functions and c.startswith("_")} - seen:
                seen |= helpers
                for helper in helpers:
                    calls |= _called(functions[helper])
            if calls & {"insert", "update", "delete"}:
                found.add(f"{path.stem}.{name}")
    return found


def _answers(level=1):
    return {c: a.Answer(level=level, evidence_text="bukti") for c in load_instrument().codes}


def _draft():
    return a.save_draft(
        viewer=OPERATOR, partner_id=16, year=2025, answers=_answers(), expected_version=None
    )


def _demo_removed():
    accounts.create_user(
        actor="admin", username="kepala-biro", full_name="K", role="admin",
        password="Garam-di-Laut-Asam-di-Gunung",
    )  # fmt: skip
    demo_removal.remove_demo_data(actor="admin")


def _opened():
    with get_engine().begin() as conn:
        submissions.open_draft(conn, OPERATOR, 16, 2026, 1)


def _report_submitted() -> int:
    imports.apply(
        viewer=OPERATOR,
        kind="anggaran",
        records=[
            {"partner_id": 16, "year": 2026, "quarter": 1, "fund_source": "APBD",
             "pagu_rp": 100, "realisasi_rp": 10, "target_trainees": 1}
        ],
        file_name="a.csv",
        file_bytes=b"x",
    )  # fmt: skip
    return submissions.submit(
        viewer=OPERATOR, partner_id=16, year=2026, quarter=1, expected_version=1
    )


def _report_reopened() -> int:
    version = submissions.decide(
        viewer=VERIFIER, partner_id=16, year=2026, quarter=1,
        expected_version=_report_submitted(), outcome="approved",
    )  # fmt: skip
    return submissions.reopen(
        viewer=VERIFIER, partner_id=16, year=2026, quarter=1, expected_version=version,
        reason="koreksi",
    )  # fmt: skip


def _submitted():
    return a.submit(viewer=OPERATOR, partner_id=16, year=2025, expected_version=_draft())


def _first_admin():
    """The first admin of a database whose admins were all made something else."""
    with get_engine().begin() as conn:
        conn.execute(update(m.User).where(m.User.role == "admin").values(role="pimpinan"))
    first_run.create_first_admin(
        username="kepala.data", full_name="Kepala Data", password="Rembulan-di-Atas-Lorok"
    )


def _identity(email: str):
    import time

    return sso.Identity("keycloak", email.split("@")[0], email, "Orang", int(time.time()),
                        email_verified=True, sole_provider=True)  # fmt: skip


def _sso_signed_in():
    sso.set_email(viewer=ADMIN, username="verifikator", email="verif@kp2mi.go.id")
    assert sso.sign_in(_identity("verif@kp2mi.go.id")).reason == "ok"


def _request_handled():
    assert sso.sign_in(_identity("asing@contoh.go.id")).reason == "unknown"
    request_id = int(sso.access_requests(viewer=ADMIN)["request_id"].iloc[0])
    assert sso.mark_handled(viewer=ADMIN, request_id=request_id)


def _comment_chosen():
    comment = comments.add_comment(viewer=VERIFIER, partner_id=1, year=2025, quarter=4,
                                   body="Angka peserta naik tajam.")  # fmt: skip
    assert comments.choose_for_briefing(viewer=VERIFIER, comment_id=comment, chosen=True)


def _signed_out():
    account = login.authenticate(username="pimpinan", password="contoh-pimpinan").account
    session_id, _ = sessions.open_session(account=account, method="local", browser="")
    assert sessions.end(session_id, actor="pimpinan")


RUNS = {
    **registry_writes.writes(ADMIN),
    "first_run.create_first_admin": _first_admin,
    "credentials.change_own_password": lambda: credentials.change_own_password(
        viewer=Viewer("pimpinan", None, "pimpinan"),
        current="contoh-pimpinan",
        new="Rembulan-di-Atas-Lorok",
    ),
    "login.authenticate": lambda: login.authenticate(
        username="pimpinan", password="contoh-pimpinan"
    ),
    "sessions.end": _signed_out,
    "sso.sign_in": _sso_signed_in,
    "sso.set_email": lambda: sso.set_email(
        viewer=ADMIN, username="pimpinan", email="pimpinan@kp2mi.go.id"
    ),
    "sso.mark_handled": _request_handled,
    "comments.add_comment": lambda: comments.add_comment(
        viewer=Viewer("pimpinan", None, "pimpinan"),
        partner_id=1,
        year=2025,
        quarter=4,
        body="Serapan TW IV turun; mohon penjelasan.",
    ),
    "comments.choose_for_briefing": _comment_chosen,
    "accounts.create_user": lambda: accounts.create_user(
        actor="admin",
        username="baru",
        full_name="Pengguna Baru",
        role="pimpinan",
        password="kata-sandi-panjang",
    ),
    "accounts.disable_user": lambda: accounts.disable_user(actor="admin", username="mitra-3212"),
    "accounts.unlock_user": lambda: accounts.unlock_user(actor="admin", username="pimpinan"),
    "accounts.reset_password": lambda: accounts.reset_password(
        actor="admin", username="pimpinan", password="kata-sandi-baru-1"
    ),
    "assessment.save_draft": _draft,
    "assessment.submit": _submitted,
    "assessment_review.review": lambda: a.review(
        viewer=VERIFIER,
        partner_id=16,
        year=2025,
        reviews={"PS1": a.Review(level=0, note="tidak ada bukti")},
        expected_version=_submitted(),
        outcome="returned",
        note="perbaiki",
    ),
    "imports.apply": lambda: imports.apply(
        viewer=ADMIN,
        kind="luaran",
        records=[{"partner_id": 1, "year": 2026, "placements": 19_000}],
        file_name="luaran.csv",
        file_bytes=b"x",
    ),
    "completeness.confirm_figure": lambda: completeness.confirm_figure(
        viewer=VERIFIER,
        partner_id=1,
        year=2025,
        quarter=4,
        measure="events",
        value=12,
        note="sudah dicek",
    ),
    "submissions.open_draft": lambda: _opened(),
    "demo_removal.remove_demo_data": lambda: _demo_removed(),
    "submissions.submit": lambda: _report_submitted(),
    "submissions.decide": lambda: submissions.decide(
        viewer=VERIFIER,
        partner_id=16,
        year=2026,
        quarter=1,
        expected_version=_report_submitted(),
        outcome="returned",
        note="periksa",
    ),
    "submissions.reopen": lambda: _report_reopened(),
    "followup.save_plan": lambda: a.save_plan(
        viewer=OPERATOR,
        partner_id=16,
        year=2025,
        indicator_code="PS1",
        action="Bentuk satgas",
        owner="Sekda",
        due_on=date(2026, 3, 31),
    ),
}
# The entity and actions each command's audit rows carry.
EXPECTED = {
    "reference_areas.load_areas": ("area", {"import_areas"}, "admin"),
    "registry.save_partner": ("partner", {"create"}, "admin"),
    "follow_through.save_item": ("deliverable", {"update"}, "admin"),
    "agreements.save_mou": ("mou", {"create"}, "admin"),
    "agreements.save_pks": ("pks", {"create"}, "admin"),
    "targets.save_target": ("partner_target", {"create"}, "admin"),
    "registry_import.import_registry": ("partner_target", {"create", "import_registry"}, "admin"),
    "first_run.create_first_admin": ("user", {"create"}, "kepala.data"),
    "credentials.create_account": ("user", {"create"}, "admin"),
    "credentials.reset_to_one_time": ("user", {"reset_password"}, "admin"),
    "credentials.change_own_password": ("user", {"change_password"}, "pimpinan"),
    "login.authenticate": ("user", {"login"}, "pimpinan"),
    "accounts.create_user": ("user", {"create"}, "admin"),
    "accounts.disable_user": ("user", {"disable"}, "admin"),
    "accounts.reset_password": ("user", {"reset_password"}, "admin"),
    "accounts.unlock_user": ("user", {"unlock"}, "admin"),
    "sessions.end": (None, {"login", "session_ended"}, "pimpinan"),
    "sso.sign_in": ("user", {"set_email", "sso_link", "login"}, None),
    "sso.set_email": ("user", {"set_email"}, "admin"),
    "sso.mark_handled": (None, {"login_refused", "handle_request"}, None),
    "comments.add_comment": ("comment", {"comment"}, "pimpinan"),
    "comments.choose_for_briefing": ("comment", {"comment", "choose_comment"}, "verifikator"),
    "assessment.save_draft": ("assessment", {"save_draft"}, "mitra-7104"),
    "assessment.submit": ("assessment", {"save_draft", "submitted"}, "mitra-7104"),
    "assessment_review.review": (
        "assessment",
        {"save_draft", "submitted", "returned", "review"},
        None,
    ),
    "followup.save_plan": ("followup_plan", {"save_plan"}, "mitra-7104"),
    "imports.apply": ("luaran", {"import"}, "admin"),
    "submissions.open_draft": ("submission", {"report_opened"}, "mitra-7104"),
    "demo_removal.remove_demo_data": (None, {"create", "remove_demo"}, "admin"),
    "completeness.confirm_figure": ("figure_check", {"confirm_figure"}, "verifikator"),
    "submissions.submit": (None, {"import", "report_opened", "report_submitted"}, None),
    "submissions.decide": (
        None,
        {"import", "report_opened", "report_submitted", "report_returned"},
        None,
    ),
    "submissions.reopen": (
        None,
        {"import", "report_opened", "report_submitted", "report_approved", "report_draft"},
        None,
    ),
}


def test_every_writing_function_is_checked_here():
    assert writing_functions() - SESSION_BOOKKEEPING == set(RUNS)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_write_leaves_an_audit_row(database_url, name):
    before = len(audit.audit_entries(viewer=ADMIN))
    RUNS[name]()
    rows = audit.audit_entries(viewer=ADMIN)
    new = rows.iloc[: len(rows) - before]
    entity, actions, actor = EXPECTED[name]
    if entity:
        assert set(new["entity"]) == {entity}
    assert set(new["action"]) == actions
    if actor:
        assert set(new["actor"]) == {actor}


def test_an_audit_row_holds_old_and_new_values(database_url):
    version = _draft()
    a.save_draft(
        viewer=OPERATOR,
        partner_id=16,
        year=2025,
        answers={"PS1": a.Answer(level=3, evidence_text="SK satgas")},
        expected_version=version,
    )
    last = audit.audit_entries(viewer=ADMIN, action="save_draft").iloc[0]
    assert '"PS1": {"self_level": 1, "evidence_text": "bukti"' in last["old_values"]
    assert '"PS1": {"self_level": 3, "evidence_text": "SK satgas"' in last["new_values"]
    assert '"PS2"' not in last["new_values"]  # unchanged items are not logged again


def test_a_refused_write_leaves_neither_change_nor_audit_row(database_url):
    with get_engine().connect() as conn:
        before = conn.execute(select(func.count()).select_from(m.AuditLog)).scalar_one()
    with pytest.raises(a.AssessmentError):
        a.save_draft(
            viewer=OPERATOR,
            partner_id=16,
            year=2025,
            answers={**_answers(), "SO2": a.Answer(level=9)},
            expected_version=None,
        )
    with get_engine().connect() as conn:
        after = conn.execute(select(func.count()).select_from(m.AuditLog)).scalar_one()
        saved = conn.execute(
            select(func.count())
            .select_from(m.Assessment)
            .where(m.Assessment.partner_id == 16, m.Assessment.year == 2025)
        ).scalar_one()
    assert after == before and saved == 0
