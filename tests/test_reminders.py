"""What reminders are due, on their own: the schedule's marks, the rules file and its
mistakes, the mail settings and their mistakes, and the texts of a mail."""

from __future__ import annotations

import tomllib
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.figures.completeness import Rules
from core.mail.mail_settings import MailSettingsError, mail_settings, mail_state
from core.mail.mail_text import compose, days
from core.mail.reminder_rules import (
    RULES_PATH,
    ReminderRulesError,
    load_reminder_rules,
    parse_reminder_rules,
)
from core.mail.reminders import (
    People,
    assessment_reminders,
    digest,
    late_reports,
    mark,
    report_reminders,
)

REPORTING = Rules(due_days=15, outlier_ratio=3.0, min_history=2, peer_ratio=6.0)
PEOPLE = People(
    pd.DataFrame(
        {
            "audience": ["partner", "partner", "partner", "partner", "verifiers", "leaders"],
            "partner_id": [1, 1, 1, 2, None, None],
            "user_id": [None, 11, None, 12, 3, 2],
            # Addresses compared whatever their case; one with a line break is left out.
            "email": [
                "Dinas@A.example",
                "dinas@a.example",
                "x@a.example\nBcc: y@z.id",
                "",
                "v@x.id",
                "",
            ],
        }
    ).astype({"partner_id": "Int64", "user_id": "Int64"})
)
REPORTS = pd.DataFrame(
    {"partner_id": [1, 2, 1], "code": ["A", "B", "A"], "short_name": ["Kab. A", "Kota B", "Kab. A"],
     "year": [2026, 2026, 2025], "quarter": [1, 1, 4], "status": ["none", "approved", "returned"]}
)  # fmt: skip


def rules_data() -> dict:
    with RULES_PATH.open("rb") as handle:
        return tomllib.load(handle)


@given(st.integers(-400, 400), st.sets(st.integers(0, 365), min_size=1, max_size=5))
def test_a_day_falls_under_the_nearest_mark_not_yet_passed(days_left, marks):
    got = mark(days_left, marks)
    under = [m for m in marks if m >= days_left]
    if days_left < 0 or not under:
        assert got is None
    else:
        assert got == min(under) and got >= days_left


def test_the_shipped_rules_parse_and_name_every_text():
    rules = load_reminder_rules()
    assert rules.due_in_days == (7, 1) and rules.expiring_in_days == (180, 90, 30)
    assert rules.season(2026) == (date(2026, 10, 1), date(2026, 12, 15))
    assert set(rules.texts["report_due"]) == {"id", "en"}


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (lambda d: d["report"].update(due_in_days=[]), "'due_in_days' harus daftar hari"),
        (lambda d: d["report"].update(overdue_every_days=0), "'overdue_every_days' harus bilangan bulat ≥ 1"),  # noqa: E501
        (lambda d: d["assessment"].update(opens_on="13-01"), "'opens_on' harus bulan-tanggal"),
        (lambda d: d["assessment"].update(opens_on="12-20"), "'opens_on' harus sebelum 'closes_on'"),  # noqa: E501
        (lambda d: d["digest"].update(weekday=8), "'weekday' harus antara 1 dan 7"),
        (lambda d: d["text"]["digest"].pop("body_en"), "[text.digest] body_en kosong atau tidak ada"),  # noqa: E501
        (lambda d: d["text"]["report_due"].update(subject="Laporan {partnr}"),
         "[text.report_due] subject memakai tempat isian yang tidak dikenal: {partnr}"),
        (lambda d: d["text"]["report_due"].update(body="Batas {due_date"),
         "[text.report_due] body: kurung kurawal salah"),
        (lambda d: d.update(languages=["id", "jv"]), "'languages' harus daftar dari"),
        (lambda d: d.update(base_url="pantau.kp2mi.go.id"), "'base_url' harus alamat http(s)://"),
    ],
)  # fmt: skip
def test_a_mistake_in_the_rules_is_a_sentence_naming_it(change, sentence):
    data = rules_data()
    change(data)
    with pytest.raises(ReminderRulesError) as caught:
        parse_reminder_rules(data)
    assert sentence in str(caught.value)


def test_english_may_be_left_out():
    data = rules_data()
    data["languages"] = ["id"]
    for entry in data["text"].values():
        entry.pop("subject_en"), entry.pop("body_en")
    assert parse_reminder_rules(data).languages == ("id",)


def test_report_reminders_follow_status_marks_and_rounds():
    rules = load_reminder_rules()

    def keys(day):
        return [r.key for r in report_reminders(REPORTS, PEOPLE, rules, REPORTING, day)]

    # TW I 2026 is due on 15 April; TW IV 2025 (returned) was due on 15 January.
    assert keys(date(2026, 4, 8)) == [
        "report_due:1:2026-1:7",
        "report_overdue:1:2025-4:11",  # 83 days late: (83 - 1) // 7
        "report_overdue_copy:2025-4:9",  # (83 - 14) // 7
    ]
    assert keys(date(2026, 4, 15))[:2] == ["report_due:1:2026-1:1", "report_overdue:1:2025-4:12"]
    later = list(report_reminders(REPORTS, PEOPLE, rules, REPORTING, date(2026, 4, 29)))
    assert [r.key for r in later] == [
        "report_overdue:1:2026-1:1",
        "report_overdue:1:2025-4:14",
        "report_overdue_copy:2025-4:12",
        "report_overdue_copy:2026-1:0",
    ]
    first = later[0]
    assert first.emails == ("dinas@a.example",) and first.accounts == (11,)
    assert first.path == "/pelaporan?tahun=2026&triwulan=1"
    copy = later[-1]
    assert (copy.emails, copy.accounts, copy.note) == (("v@x.id",), (3,), "Kab. A")


def test_late_reports_are_the_open_ones_past_their_date():
    got = late_reports(REPORTS, REPORTING, date(2026, 4, 16))
    assert got[["partner_id", "year", "quarter", "days_late"]].values.tolist() == [
        [1, 2026, 1, 1],
        [1, 2025, 4, 91],
    ]


def test_the_assessment_season_is_told_once_and_its_closing_by_mark():
    rules = load_reminder_rules()
    assessments = pd.DataFrame({"partner_id": [1, 2], "code": ["A", "B"],
                                "short_name": ["Kab. A", "Kota B"],
                                "status": ["draft", "submitted"]})  # fmt: skip

    def keys(day):
        return [r.key for r in assessment_reminders(assessments, PEOPLE, rules, day)]

    assert keys(date(2026, 9, 30)) == [] and keys(date(2026, 12, 16)) == []
    assert keys(date(2026, 10, 1)) == ["assessment_open:1:2026"]
    assert keys(date(2026, 12, 2)) == ["assessment_open:1:2026", "assessment_closing:1:2026:14"]
    assert keys(date(2026, 12, 15)) == ["assessment_open:1:2026", "assessment_closing:1:2026:3"]


def test_a_digest_in_both_languages_lists_the_oldest_first():
    rules = load_reminder_rules()
    waiting = pd.DataFrame(
        {"kind": ["assessment", "report"], "partner_id": [2, 1], "code": ["B", "A"],
         "short_name": ["Kota B", "Kab. A"], "year": [2025, 2026], "quarter": [None, 1],
         "submitted_at": [datetime(2026, 3, 2, 9), datetime(2026, 4, 13, 8)]}
    ).astype({"quarter": "Int64"})  # fmt: skip
    late = late_reports(REPORTS, REPORTING, date(2026, 4, 16))
    assert list(digest(waiting, late, PEOPLE, rules, date(2026, 4, 12))) != []  # a Sunday
    (one,) = digest(waiting, late, PEOPLE, rules, date(2026, 4, 16))
    assert one.key == "digest:2026-W16" and one.emails == ("v@x.id",)
    subject, body = compose(one, rules)
    assert subject == "Ringkasan mingguan verifikasi: 2 menunggu keputusan"
    assert "- Kota B: Penilaian mandiri 2025, 2 Maret 2026 (45 hari)\n" in body
    assert "- Kab. A: Laporan TW I 2026, 13 April 2026 (3 hari)\n" in body
    assert "- Kab. A: Report Q1 2026, 13 April 2026 (3 days)\n" in body
    assert "Laporan triwulan yang terlambat: 2\n- Kab. A: TW I 2026 (1 hari)" in body
    assert "Quarterly reports that are late: 2\n- Kab. A: Q1 2026 (1 day)" in body
    empty = waiting.iloc[0:0]
    assert list(digest(empty, late.iloc[0:0], PEOPLE, rules, date(2026, 4, 16))) == []


def test_days_carry_their_unit():
    assert [days(1, "id"), days(1, "en"), days(1200, "id"), days(1200, "en")] == [
        "1 hari", "1 day", "1.200 hari", "1,200 days",
    ]  # fmt: skip


SETTINGS = {"SMTP_HOST": "mail.kp2mi.go.id", "SMTP_SENDER": "Pantau <pengingat@kp2mi.go.id>"}


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        ({"SMTP_PORT": "abc"}, "SMTP_PORT harus nomor port 1–65535, tertulis 'abc'"),
        ({"SMTP_PORT": "70000"}, "SMTP_PORT harus nomor port"),
        ({"SMTP_SENDER": "pengingat"}, "SMTP_SENDER harus alamat pengirim"),
        ({"SMTP_USER": "u"}, "SMTP_USER dan SMTP_PASSWORD diisi keduanya"),
        ({"SMTP_STARTTLS": "kadang"}, "SMTP_STARTTLS harus 1 atau 0"),
        ({"SMTP_CA_FILE": "/tidak/ada.pem"}, "SMTP_CA_FILE tidak ditemukan: /tidak/ada.pem"),
        ({"SMTP_TIMEOUT": "lama"}, "SMTP_TIMEOUT harus angka detik"),
    ],
)
def test_a_wrong_mail_setting_is_a_sentence_naming_it(env, sentence):
    with pytest.raises(MailSettingsError) as caught:
        mail_settings({**SETTINGS, **env})
    assert sentence in str(caught.value)
    assert mail_state({**SETTINGS, **env}) == ("wrong", str(caught.value))


def test_mail_settings_and_their_defaults():
    assert mail_settings({}) is None and mail_state({}) == ("off", "")
    plain = mail_settings(SETTINGS)
    assert (plain.port, plain.security, plain.sender_domain) == (587, "starttls", "kp2mi.go.id")
    assert mail_settings({**SETTINGS, "SMTP_SSL": "1"}).port == 465
    assert mail_settings({**SETTINGS, "SMTP_STARTTLS": "tidak"}).port == 25
    secret = mail_settings({**SETTINGS, "SMTP_USER": "u", "SMTP_PASSWORD": "rahasia"})
    assert "rahasia" not in repr(secret)
    assert mail_state(SETTINGS) == ("on", "mail.kp2mi.go.id:587")
