"""The self-assessment workflow in data_access: draft, submit, review, return, approve, lock;
the checks on caller, text and version; history and audit rows."""

from datetime import date

import pandas as pd
import pytest

from core.assessment.instrument import load_instrument
from data_access.assessment import assessment as a
from data_access.store.access import AccessDenied, Viewer
from tests.viewers import ADMIN, STAFF, VERIFIER

TALAUD = 16  # 71.04: no 2025 assessment in the demo data
KENDAL = 6  # 33.24: its 2025 assessment waits for verification
OPERATOR = Viewer("mitra", TALAUD, "mitra-7104")
OTHER = Viewer("mitra", 1, "mitra-3212")


def answers(level=2, **overrides) -> dict:
    base = {
        code: a.Answer(level=level, evidence_text=f"Bukti {code}")
        for code in load_instrument().codes
    }
    return {**base, **overrides}


def detail(partner_id=TALAUD, year=2025, viewer=STAFF):
    return a.assessment_detail(viewer=viewer, partner_id=partner_id, year=year)


def submitted(database_url) -> int:
    version = a.save_draft(
        viewer=OPERATOR, partner_id=TALAUD, year=2025, answers=answers(), expected_version=None
    )
    return a.submit(viewer=OPERATOR, partner_id=TALAUD, year=2025, expected_version=version)


def test_a_partner_saves_a_draft_then_submits(database_url):
    assert detail()["header"] is None
    version = a.save_draft(
        viewer=OPERATOR,
        partner_id=TALAUD,
        year=2025,
        answers={"PS1": a.Answer(level=1, evidence_text="SK satgas", comment="awal")},
        expected_version=None,
    )
    assert version == 1
    saved = detail()
    assert saved["header"]["status"] == "draft"
    item = saved["items"].set_index("indicator_code").loc["PS1"]
    assert (item["self_level"], item["evidence_text"], item["comment"]) == (1, "SK satgas", "awal")
    with pytest.raises(a.AssessmentError, match="Tingkat belum dipilih.*PS2"):
        a.submit(viewer=OPERATOR, partner_id=TALAUD, year=2025, expected_version=1)
    version = a.save_draft(
        viewer=OPERATOR, partner_id=TALAUD, year=2025, answers=answers(), expected_version=1
    )
    assert a.submit(viewer=OPERATOR, partner_id=TALAUD, year=2025, expected_version=version) == 3
    history = detail()["history"]
    assert history[["from_status", "to_status"]].values.tolist() == [
        [None, "draft"],
        ["draft", "submitted"],
    ]
    assert set(history["actor"]) == {"mitra-7104"}


def test_evidence_is_required_above_level_zero(database_url):
    bare = answers(DK1=a.Answer(level=3), DK2=a.Answer(level=0))
    version = a.save_draft(
        viewer=OPERATOR, partner_id=TALAUD, year=2025, answers=bare, expected_version=None
    )
    with pytest.raises(a.AssessmentError, match=r"belum ada untuk: DK1\.$"):
        a.submit(viewer=OPERATOR, partner_id=TALAUD, year=2025, expected_version=version)


def test_verifier_returns_partner_revises_verifier_approves_and_it_locks(database_url):
    version = submitted(database_url)
    with pytest.raises(a.AssessmentError, match="catatan"):
        a.review(
            viewer=VERIFIER,
            partner_id=TALAUD,
            year=2025,
            reviews={},
            expected_version=version,
            outcome="returned",
        )
    version = a.review(
        viewer=VERIFIER,
        partner_id=TALAUD,
        year=2025,
        reviews={"DK1": a.Review(level=1, note="DPA tidak dilampirkan")},
        expected_version=version,
        outcome="returned",
        note="Lampirkan DPA.",
    )
    returned = detail()
    assert returned["header"]["status"] == "returned"
    assert returned["header"]["decision_note"] == "Lampirkan DPA."
    dk1 = returned["items"].set_index("indicator_code").loc["DK1"]
    assert (dk1["verified_level"], dk1["review"]) == (1, "adjusted")
    version = a.save_draft(
        viewer=OPERATOR,
        partner_id=TALAUD,
        year=2025,
        answers={"DK1": a.Answer(level=2, evidence_text="DPA 2025 terlampir")},
        expected_version=version,
    )
    version = a.submit(viewer=OPERATOR, partner_id=TALAUD, year=2025, expected_version=version)
    version = a.review(
        viewer=VERIFIER,
        partner_id=TALAUD,
        year=2025,
        reviews={code: a.Review() for code in load_instrument().codes},
        expected_version=version,
        outcome="approved",
    )
    approved = detail()
    assert approved["header"]["status"] == "approved"
    assert (approved["items"]["review"] == "accepted").all()
    assert approved["history"]["to_status"].tolist() == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]
    with pytest.raises(a.AssessmentError, match="disetujui dan terkunci"):
        a.save_draft(
            viewer=OPERATOR,
            partner_id=TALAUD,
            year=2025,
            answers=answers(level=4),
            expected_version=version,
        )
    with pytest.raises(a.AssessmentError, match="disetujui dan terkunci"):
        a.submit(viewer=OPERATOR, partner_id=TALAUD, year=2025, expected_version=version)
    with pytest.raises(a.AssessmentError, match="sudah dikirim"):
        a.review(
            viewer=VERIFIER,
            partner_id=TALAUD,
            year=2025,
            reviews={"PS1": a.Review(level=0)},
            expected_version=version,
        )
    assert detail()["items"]["self_level"].tolist() == [2] * 10


def test_approval_needs_every_item_reviewed(database_url):
    version = submitted(database_url)
    with pytest.raises(a.AssessmentError, match="belum: DK1, DK2"):
        a.review(
            viewer=VERIFIER,
            partner_id=TALAUD,
            year=2025,
            reviews={c: a.Review() for c in load_instrument().codes if c not in ("DK1", "DK2")},
            expected_version=version,
            outcome="approved",
        )
    assert detail()["header"]["status"] == "submitted"
    assert (detail()["items"]["review"] == "pending").all()  # the failed call wrote nothing


def test_a_second_save_on_an_old_version_is_refused_and_overwrites_nothing(database_url):
    version = a.save_draft(
        viewer=OPERATOR, partner_id=TALAUD, year=2025, answers=answers(), expected_version=None
    )
    colleague = Viewer("mitra", TALAUD, "mitra-7104-b")
    a.save_draft(
        viewer=colleague,
        partner_id=TALAUD,
        year=2025,
        answers={"PS1": a.Answer(level=3, evidence_text="versi rekan")},
        expected_version=version,
    )
    with pytest.raises(a.StaleRecord, match="sudah diubah oleh mitra-7104-b"):
        a.save_draft(
            viewer=OPERATOR,
            partner_id=TALAUD,
            year=2025,
            answers={"PS1": a.Answer(level=0)},
            expected_version=version,
        )
    with pytest.raises(a.StaleRecord):
        a.submit(viewer=OPERATOR, partner_id=TALAUD, year=2025, expected_version=version)
    kept = detail()
    assert kept["header"]["version"] == version + 1
    ps1 = kept["items"].set_index("indicator_code").loc["PS1"]
    assert (ps1["self_level"], ps1["evidence_text"]) == (3, "versi rekan")


def test_two_verifiers_on_one_assessment(database_url):
    version = submitted(database_url)
    other = Viewer("verifikator", username="verifikator-2")
    a.review(
        viewer=other,
        partner_id=TALAUD,
        year=2025,
        reviews={"PS1": a.Review(level=1)},
        expected_version=version,
    )
    with pytest.raises(a.StaleRecord):
        a.review(
            viewer=VERIFIER,
            partner_id=TALAUD,
            year=2025,
            reviews={"PS1": a.Review(level=4)},
            expected_version=version,
            outcome="approved",
        )
    assert detail()["items"].set_index("indicator_code").loc["PS1", "verified_level"] == 1


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (a.Answer(level=5), "tingkat harus 0, 1, 2, 3 atau 4"),
        (a.Answer(level=2, evidence_text="x" * 2001), "paling banyak 2000 karakter, tertulis 2001"),
        (a.Answer(level=2, comment="x" * 1001), "Komentar \\(PS1\\): paling banyak 1000"),
        (a.Answer(level=2, evidence_link="javascript:alert(1)"), "http:// atau https://"),
        (a.Answer(level=2, evidence_link="https://a.id/x y"), "tanpa spasi"),
        (a.Answer(level=2, evidence_link="data:text/html,<script>"), "http:// atau https://"),
    ],
)
def test_wrong_answers_are_refused_with_a_sentence(database_url, answer, message):
    with pytest.raises(a.AssessmentError, match=message):
        a.save_draft(
            viewer=OPERATOR,
            partner_id=TALAUD,
            year=2025,
            answers={"PS1": answer},
            expected_version=None,
        )
    assert detail()["header"] is None


def test_unknown_indicator_is_refused(database_url):
    with pytest.raises(a.AssessmentError, match="XX9 tidak ada dalam instrumen"):
        a.save_draft(
            viewer=OPERATOR,
            partner_id=TALAUD,
            year=2025,
            answers={"XX9": a.Answer(level=1)},
            expected_version=None,
        )


def test_markup_is_stored_as_typed(database_url):
    text = '<script>alert("x")</script> [klik](javascript:alert(1)) **tebal**'
    a.save_draft(
        viewer=OPERATOR,
        partner_id=TALAUD,
        year=2025,
        answers={"PS1": a.Answer(level=1, evidence_text=text, comment=text)},
        expected_version=None,
    )
    item = detail()["items"].set_index("indicator_code").loc["PS1"]
    assert item["evidence_text"] == text and item["comment"] == text


def test_follow_up_plans_are_added_updated_and_version_checked(database_url):
    due = date(2026, 6, 30)
    plan = a.save_plan(
        viewer=OPERATOR,
        partner_id=TALAUD,
        year=2025,
        indicator_code="DK1",
        action="Usulkan anggaran pelatihan",
        owner="Kepala Disnaker",
        due_on=due,
    )
    plans = a.followup_plans(viewer=OPERATOR, year=2025)
    assert plans[["plan_id", "indicator_code", "status", "version"]].values.tolist() == [
        [plan, "DK1", "rencana", 1]
    ]
    a.save_plan(
        viewer=OPERATOR,
        partner_id=TALAUD,
        year=2025,
        indicator_code="DK1",
        action="Usulkan anggaran pelatihan",
        owner="Kepala Disnaker",
        due_on=due,
        status="berjalan",
        plan_id=plan,
        expected_version=1,
    )
    with pytest.raises(a.StaleRecord):
        a.save_plan(
            viewer=OPERATOR,
            partner_id=TALAUD,
            year=2025,
            indicator_code="DK1",
            action="Versi lama",
            owner="Kepala Disnaker",
            due_on=due,
            status="batal",
            plan_id=plan,
            expected_version=1,
        )
    row = a.followup_plans(viewer=STAFF, partner_id=TALAUD).iloc[0]
    assert (row["status"], row["version"], row["action"]) == (
        "berjalan",
        2,
        "Usulkan anggaran pelatihan",
    )
    with pytest.raises(a.AssessmentError, match="wajib diisi"):
        a.save_plan(
            viewer=OPERATOR,
            partner_id=TALAUD,
            year=2025,
            indicator_code="DK1",
            action="  ",
            owner="x",
            due_on=due,
        )
    with pytest.raises(AccessDenied):  # another partner's plan, even with a valid id
        a.save_plan(
            viewer=OTHER,
            partner_id=1,
            year=2025,
            indicator_code="DK1",
            action="x",
            owner="y",
            due_on=due,
            plan_id=plan,
            expected_version=2,
        )


def test_overview_and_levels_of_the_demo_year(database_url):
    overview = a.assessment_overview(viewer=STAFF, year=2025)
    counts = overview["status"].fillna("none").value_counts().to_dict()
    assert counts == {"approved": 12, "submitted": 4, "returned": 2, "draft": 2, "none": 1}
    assert overview.set_index("code").loc["33.24", "status"] == "submitted"
    levels = a.assessment_levels(viewer=STAFF, years=(2024, 2025))
    assert len(levels) == (21 + 20) * 10
    kendal = levels[(levels["partner_id"] == KENDAL) & (levels["year"] == 2025)]
    assert kendal["verified_level"].isna().all()


def test_admin_may_fill_and_review_for_any_partner(database_url):
    version = a.save_draft(
        viewer=ADMIN, partner_id=TALAUD, year=2025, answers=answers(), expected_version=None
    )
    version = a.submit(viewer=ADMIN, partner_id=TALAUD, year=2025, expected_version=version)
    a.review(
        viewer=ADMIN,
        partner_id=TALAUD,
        year=2025,
        reviews={c: a.Review() for c in load_instrument().codes},
        expected_version=version,
        outcome="approved",
    )
    assert detail()["header"]["decided_by"] == "admin"
    assert isinstance(detail()["items"], pd.DataFrame)
