"""Reminders by e-mail through a real SMTP server (aiosmtpd on a local port): the right mails
to the right people with the right subject, text and link for each trigger; a run repeated
sends nothing new; a server that is down gives a logged failure and a later retry; two runs
at once send each mail once."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from data_access import models as m
from data_access import notifications, reminders, submissions
from data_access.access import Viewer
from data_access.db import get_engine
from notifications.runner import run
from tests.mail_server import PASSWORD, USER, Inbox, certificate, free_port, mail_server
from tests.test_home import returned
from tests.test_submissions import upload
from tests.viewers import ADMIN, VERIFIER

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://pantau.contoh.go.id"
SENDER = "Pantau MoU PMI <pengingat@contoh.go.id>"
OPERATOR = Viewer("mitra", 16, "mitra-7104")  # Kab. Kepulauan Talaud
OPERATOR_MAIL, CONTACT = "operator.talaud@contoh.go.id", "disnaker@talaud.example"
VERIFIER_MAIL, ADMIN_MAIL, LEADER_MAIL = (
    "verifikator@contoh.go.id",
    "admin@contoh.go.id",
    "pimpinan@contoh.go.id",
)
TALAUD_Q1 = f"{BASE}/pelaporan?tahun=2026&triwulan=1"


def addresses() -> None:
    """E-mail addresses for Talaud's operator and contact (in capitals: addresses are
    compared whatever their case), the verifier, the admin and leadership."""
    mails = {"mitra-7104": OPERATOR_MAIL, "verifikator": VERIFIER_MAIL, "admin": ADMIN_MAIL,
             "pimpinan": LEADER_MAIL}  # fmt: skip
    with get_engine().begin() as conn:
        for username, mail in mails.items():
            conn.execute(update(m.User).where(m.User.username == username).values(email=mail))
        conn.execute(
            update(m.Partner).where(m.Partner.id == 16).values(contact_email=CONTACT.upper())
        )


class Server:
    """The test's mail server, which a test may stop and start again on the same port."""

    def __init__(self, tls=None):
        self.inbox, self.port, self.tls = Inbox(), free_port(), tls
        self.controller = None

    def start(self):
        self.controller = mail_server(self.port, self.inbox, self.tls)

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(database_url, monkeypatch):
    server = Server()
    server.start()
    for name, value in {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(server.port),
                        "SMTP_STARTTLS": "0", "SMTP_SENDER": SENDER,
                        "APP_BASE_URL": BASE}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    addresses()
    yield server
    server.stop()


def go(day: date, now: datetime | None = None, **kwargs):
    said: list[str] = []
    outcome = run(today=day, now=now or datetime.now(), say=said.append, **kwargs)
    outcome.said = said
    return outcome


def subject(message) -> str:
    """The subject as a mail program shows it (a long one is folded onto the next line)."""
    return str(message["Subject"]).strip()


def body(message) -> str:
    assert message.get_content_type() == "text/plain"
    return message.get_content().replace("\r\n", "\n")


def test_a_report_due_goes_once_per_mark_to_the_partners_addresses(smtp):
    first = go(date(2026, 4, 8))  # TW I 2026 is due on 15 April: the 7-day mark
    assert first.exit_code == 0
    wanted = "Pengingat: laporan TW I 2026 Kab. Kepulauan Talaud jatuh tempo 15 April 2026"
    for address in (OPERATOR_MAIL, CONTACT):
        (mail,) = smtp.inbox.to(address)
        assert subject(mail) == wanted
        assert mail["From"] == SENDER and mail["To"] == address
        text = body(mail)
        assert "Batas waktunya 15 April 2026 (7 hari lagi)." in text
        assert "It is due on 15 April 2026 (in 7 days)." in text
        assert text.count(TALAUD_Q1) == 2  # in each language
        assert text.index("Yth. Operator") < text.index("Dear operator")
    count = len(smtp.inbox.mails)
    again = go(date(2026, 4, 8))
    assert (again.recorded, again.sent, len(smtp.inbox.mails)) == (0, 0, count)
    go(date(2026, 4, 12))  # still under the 7-day mark: nothing new
    assert len(smtp.inbox.to(OPERATOR_MAIL)) == 1
    go(date(2026, 4, 14))  # the 1-day mark
    last = smtp.inbox.to(OPERATOR_MAIL)[-1]
    assert "(1 hari lagi)" in body(last) and len(smtp.inbox.to(OPERATOR_MAIL)) == 2
    # Nothing depends on e-mail alone: the operator's list in the app has both.
    kinds = notifications.my_notifications(viewer=OPERATOR)["kind"].tolist()
    assert kinds.count("reminder_report_due") == 2


def test_late_reports_repeat_every_m_days_and_reach_the_verifiers_after_k(smtp):
    with get_engine().connect() as conn:  # the partners whose TW I 2026 report is missing
        sent = conn.execute(
            select(func.count()).where(
                m.Submission.year == 2026, m.Submission.quarter == 1,
                m.Submission.status.in_(("submitted", "approved")),
            )
        ).scalar_one()  # fmt: skip
        partners = conn.execute(select(func.count()).select_from(m.Partner)).scalar_one()
    go(date(2026, 4, 16))
    (late,) = smtp.inbox.to(OPERATOR_MAIL)
    assert subject(late) == "Terlambat: laporan TW I 2026 Kab. Kepulauan Talaud (jatuh tempo 15 April 2026)"  # noqa: E501
    assert "terlambat 1 hari" in body(late) and "is 1 day late;" in body(late)
    assert not [s for s in map(subject, smtp.inbox.to(VERIFIER_MAIL))
                if s.startswith("Terlambat")]  # fmt: skip
    go(date(2026, 4, 22))  # 7 days late: the same round
    assert len(smtp.inbox.to(OPERATOR_MAIL)) == 1
    go(date(2026, 4, 23))  # 8 days late: the next round
    assert len(smtp.inbox.to(OPERATOR_MAIL)) == 2
    go(date(2026, 4, 29))  # 14 days late: a copy for the verifiers, one for all partners
    copies = [x for x in smtp.inbox.to(VERIFIER_MAIL) if subject(x).startswith("Terlambat")]
    (copy,) = copies
    missing = partners - sent
    assert subject(copy) == f"Terlambat 14 hari: laporan TW I 2026 dari {missing} mitra"
    assert "- Kab. Kepulauan Talaud\n" in body(copy) and TALAUD_Q1 in body(copy)
    go(date(2026, 4, 30))
    assert len([x for x in smtp.inbox.to(VERIFIER_MAIL)
                if subject(x).startswith("Terlambat")]) == 1  # fmt: skip


def test_returned_and_approved_reports_are_mailed_with_the_note(smtp, reporting_window):
    note = "Realisasi TW I belum sesuai SP2D.\n<b>Lampirkan</b> {link}"
    returned(note)
    go(date(2026, 4, 10))
    back = [x for x in smtp.inbox.to(OPERATOR_MAIL) if "dikembalikan" in subject(x)]
    (mail,) = back
    assert subject(mail) == "Laporan TW I 2026 Kab. Kepulauan Talaud dikembalikan untuk diperbaiki"
    text = body(mail)
    assert text.count(note) == 2  # as written, in both languages: plain text, not filled in
    assert text.count(TALAUD_Q1) == 2
    # The corrected report is sent again and approved: one more mail, and the first is
    # never sent twice.
    upload()
    version = submissions.submit(viewer=OPERATOR, partner_id=16, year=2026, quarter=1,
                                 expected_version=3)  # fmt: skip
    submissions.decide(viewer=VERIFIER, partner_id=16, year=2026, quarter=1,
                       expected_version=version, outcome="approved", note="")  # fmt: skip
    go(date(2026, 4, 11))
    subjects = [subject(x) for x in smtp.inbox.to(OPERATOR_MAIL)]
    assert subjects.count("Laporan TW I 2026 Kab. Kepulauan Talaud disetujui") == 1
    assert len([s for s in subjects if "dikembalikan" in s]) == 1
