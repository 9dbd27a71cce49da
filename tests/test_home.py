"""The home pages: a partner's tasks with their deadlines and what came back, a verifier's
list of what waits, oldest first; each role sees its own."""

from datetime import date, datetime

import pandas as pd
import pytest

from core.reporting.home import plan_tasks, report_tasks, waiting_ages
from data_access.assessment import followup
from data_access.reporting import home, submissions
from data_access.store.access import AccessDenied, Viewer
from tests.apptest import open_page, partner_account, start, texts
from tests.test_submissions import upload
from tests.viewers import STAFF, VERIFIER

pytestmark = pytest.mark.usefixtures("reporting_window")  # 10 April 2026: TW I 2026 is due
OPERATOR = Viewer("mitra", 16, "mitra-7104")  # Kab. Kepulauan Talaud
DAY = date(2026, 4, 10)


def returned(note: str) -> None:
    """Talaud's TW I 2026 report uploaded, sent, and returned by the verifier with `note`."""
    upload()
    version = submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=1,
                                 expected_version=1)  # fmt: skip
    submissions.decide(viewer=VERIFIER, partner_id=16, year=2026, quarter=1,
                       expected_version=version, outcome="returned", note=note)  # fmt: skip


def test_report_tasks_put_the_late_and_due_ones_first():
    reports = pd.DataFrame(
        {
            "year": [2025, 2026, 2026, 2025],
            "quarter": [4, 1, 2, 3],
            "status": ["approved", "none", "draft", "returned"],
            "due_on": [date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15),
                       date(2025, 10, 15)],
            "note": ["", "", "", "Lampirkan bukti"],
        }
    )  # fmt: skip
    got = report_tasks(reports, DAY)
    assert got[["quarter", "state", "days"]].values.tolist() == [
        [3, "late", -177], [1, "due", 5], [2, "due", 96], [4, "done", -85],
    ]  # fmt: skip


def test_plans_and_waiting_lists_are_ordered_by_time():
    plans = pd.DataFrame(
        {"plan_id": [1, 2, 3], "year": [2025] * 3, "indicator_code": ["A", "B", "C"],
         "action": ["x", "y", "z"], "due_on": [date(2026, 5, 1), date(2026, 4, 1),
         date(2026, 4, 20)], "status": ["rencana", "berjalan", "selesai"]}
    )  # fmt: skip
    assert plan_tasks(plans, DAY)[["plan_id", "days"]].values.tolist() == [[2, -9], [1, 21]]
    waiting = pd.DataFrame(
        {"kind": ["report", "assessment"], "partner_id": [3, 1], "code": ["a", "b"],
         "short_name": ["A", "B"], "year": [2026, 2025], "quarter": [1, None],
         "submitted_at": [datetime(2026, 4, 9, 8), datetime(2026, 3, 31, 16)]}
    )  # fmt: skip
    got = waiting_ages(waiting, DAY)
    assert got[["partner_id", "days_waiting"]].values.tolist() == [[1, 10], [3, 1]]
    assert waiting_ages(waiting, date(2026, 4, 1))["days_waiting"].tolist() == [1, 0]


def test_a_returned_report_is_on_the_partners_home_with_its_note(database_url):
    upload()  # the partner's upload opens its draft of TW I 2026
    tasks = home.partner_home(viewer=OPERATOR, as_of=DAY)["reports"]
    assert tasks[["year", "quarter", "status"]].values.tolist() == [
        [2026, 1, "draft"],
        [2026, 2, "none"],
    ]
    assert tasks["due_on"].tolist() == [date(2026, 4, 15), date(2026, 7, 15)]
    version = submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=1,
                                 expected_version=1)  # fmt: skip
    waiting = home.waiting_decisions(viewer=VERIFIER)
    first = waiting[waiting["code"] == "71.04"].iloc[0]
    assert (first["kind"], first["year"], first["quarter"]) == ("report", 2026, 1)
    assert waiting["submitted_at"].is_monotonic_increasing
    submissions.decide(viewer=VERIFIER, partner_id=16, year=2026, quarter=1,
                       expected_version=version, outcome="returned",
                       note="Realisasi TW I belum sesuai SP2D.")  # fmt: skip
    tasks = home.partner_home(viewer=OPERATOR, as_of=DAY)["reports"].set_index("quarter")
    assert tasks.loc[1, "status"] == "returned"
    assert tasks.loc[1, "note"] == "Realisasi TW I belum sesuai SP2D."
    assert "71.04" not in home.waiting_decisions(viewer=VERIFIER)["code"].tolist()
    # Another partner's home is not this partner's to read.
    with pytest.raises(AccessDenied):
        home.partner_home(viewer=OPERATOR, partner_id=1, as_of=DAY)
    with pytest.raises(AccessDenied):
        home.waiting_decisions(viewer=OPERATOR)


def test_plans_falling_due_are_listed(database_url):
    followup.save_plan(
        viewer=OPERATOR, partner_id=16, year=2025, indicator_code="DK1",
        action="Sosialisasi ke 12 desa", owner="Disnaker", due_on=date(2026, 4, 30),
    )  # fmt: skip
    plans = home.partner_home(viewer=OPERATOR, as_of=DAY)["plans"]
    assert plans["action"].tolist() == ["Sosialisasi ke 12 desa"]
    assert home.partner_home(viewer=OPERATOR, as_of=date(2026, 3, 1))["plans"].empty


def test_the_partners_home_page_opens_first_with_its_tasks_and_no_agency_filters(database_url):
    returned("Realisasi TW I belum sesuai SP2D.")
    at = start(account=partner_account("mitra-7104", 16))
    assert not at.exception
    assert at.title[0].value == "Beranda Pemerintah Kabupaten Kepulauan Talaud"
    shown = texts(at)
    assert "Laporan TW I 2026** · dikembalikan untuk diperbaiki" in shown
    assert "Tenggat 15 April 2026 · 5 hari lagi" in shown
    assert "Masa pengisian 1 Oktober 2026 sampai 15 Desember 2026." in shown
    # On the report's card and in the notification, each as plain text.
    assert [x.value for x in at.text] == ["Realisasi TW I belum sesuai SP2D."] * 2
    assert [link.label for link in at.get("page_link")][:1] == ["Buka laporan"]
    labels = [s.label for s in at.sidebar.selectbox]
    assert "Jenis mitra" not in labels and "Provinsi" not in labels


def test_the_verifiers_home_lists_what_waits_oldest_first(database_url):
    at = open_page(start("verifikator"), "pages/beranda.py")
    assert not at.exception and at.title[0].value == "Menunggu keputusan"
    table = at.dataframe[0].value
    waiting = home.waiting_decisions(viewer=STAFF)
    assert table["Mitra"].tolist() == waiting["short_name"].tolist()
    days = [max(0, (DAY - s.date()).days) for s in waiting["submitted_at"]]
    assert table["Hari menunggu"].tolist() == [f"{d:,}".replace(",", ".") for d in days]
    assert days == sorted(days, reverse=True)


def test_leadership_has_no_home_of_tasks(database_url):
    at = start("pimpinan")
    assert at.title[0].value.startswith("Ringkasan")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_page(at, "pages/beranda.py")  # not in leadership's navigation


# --- notifications -----------------------------------------------------------------------------


def test_a_decision_tells_the_partners_operators_and_a_sent_report_the_verifiers(database_url):
    from data_access.mail import notifications

    operator, other = OPERATOR, Viewer("mitra", 1, "mitra-3212")
    upload()
    version = submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=1,
                                 expected_version=1)  # fmt: skip
    told = notifications.my_notifications(viewer=VERIFIER)
    assert told[["kind", "short_name", "year", "quarter", "read"]].values.tolist() == [
        ["report_submitted", "Kab. Kepulauan Talaud", 2026, 1, False]
    ]
    assert notifications.my_notifications(viewer=operator).empty
    submissions.decide(viewer=VERIFIER, partner_id=16, year=2026, quarter=1,
                       expected_version=version, outcome="returned",
                       note="Realisasi TW I belum sesuai SP2D.")  # fmt: skip
    mine = notifications.my_notifications(viewer=operator)
    assert mine[["kind", "note", "read"]].values.tolist() == [
        ["report_returned", "Realisasi TW I belum sesuai SP2D.", False]
    ]
    assert notifications.my_notifications(viewer=other).empty  # another partner's: nothing
    assert notifications.unread_count(viewer=operator) == 1
    # Marking read touches one's own only.
    assert notifications.mark_read(viewer=other, notification_ids=mine["notification_id"]) == 0
    assert notifications.mark_read(viewer=operator) == 1
    assert notifications.unread_count(viewer=operator) == 0
    assert notifications.unread_count(viewer=VERIFIER) == 1


def test_the_partners_home_shows_the_returned_note_and_marks_it_read(database_url):
    from data_access.mail import notifications

    returned("<b>Lampirkan</b> SP2D.")
    at = start(account=partner_account("mitra-7104", 16))
    assert "Pemberitahuan (1 belum dibaca)" in [s.value for s in at.subheader]
    assert "Laporan TW I 2026 dikembalikan untuk diperbaiki." in texts(at)
    assert [x.value for x in at.text].count("<b>Lampirkan</b> SP2D.") == 2  # as plain text
    at.button(key="w_notes_read").click().run()
    assert notifications.unread_count(viewer=OPERATOR) == 0


def sent_assessment() -> int:
    """Talaud's self-assessment of 2026 filled in and sent; returns its version."""
    from core.assessment.instrument import load_instrument
    from data_access.assessment import assessment as a

    answers = {code: a.Answer(level=2, evidence_text=f"Bukti {code}")
               for code in load_instrument().codes}  # fmt: skip
    version = a.save_draft(viewer=OPERATOR, partner_id=16, year=2026, answers=answers,
                           expected_version=None)  # fmt: skip
    return a.submit(viewer=OPERATOR, partner_id=16, year=2026, expected_version=version)


def returned_assessment(note: str) -> None:
    """Talaud's self-assessment of 2026 sent and returned by the verifier with `note`."""
    from data_access.assessment import assessment as a

    a.review(viewer=VERIFIER, partner_id=16, year=2026, expected_version=sent_assessment(),
             outcome="returned", reviews={}, note=note)  # fmt: skip


def test_an_assessment_sent_and_returned_is_told_like_a_report(database_url):
    from data_access.assessment import assessment as a
    from data_access.mail import notifications

    version = sent_assessment()
    assert notifications.my_notifications(viewer=VERIFIER)["kind"].tolist() == [
        "assessment_submitted"
    ]
    a.review(viewer=VERIFIER, partner_id=16, year=2026, expected_version=version,
             outcome="returned", reviews={}, note="Lampirkan SK satgas.")  # fmt: skip
    told = notifications.my_notifications(viewer=OPERATOR)
    assert told[["kind", "note"]].values.tolist() == [
        ["assessment_returned", "Lampirkan SK satgas."]
    ]
    at = start(account=partner_account("mitra-7104", 16))
    assert "Penilaian mandiri 2026 dikembalikan untuk diperbaiki." in texts(at)
