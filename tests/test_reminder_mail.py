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
from data_access.mail import notifications, reminders
from data_access.reporting import submissions
from data_access.store.access import AccessDenied, Viewer
from data_access.store.db import get_engine
from notifications.runner import run
from tests.apptest import open_page, partner_account, start, texts
from tests.mail_server import PASSWORD, USER, Inbox, certificate, free_port, mail_server
from tests.test_home import returned, returned_assessment
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
    assert (
        subject(late)
        == "Terlambat: laporan TW I 2026 Kab. Kepulauan Talaud (jatuh tempo 15 April 2026)"
    )  # noqa: E501
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


def test_the_assessment_season_mou_expiry_and_the_weekly_digest(smtp):
    go(date(2026, 10, 1))
    (opened,) = [x for x in smtp.inbox.to(OPERATOR_MAIL) if "dibuka" in subject(x)]
    assert subject(opened) == "Penilaian mandiri 2026 dibuka untuk Kab. Kepulauan Talaud"
    assert "mulai 1 Oktober 2026 sampai 15 Desember 2026" in body(opened)
    assert f"{BASE}/penilaian_mandiri" in body(opened)
    # MoU 18 of Univ. Binaniaga ends on 4 December 2026 and was not renewed: 64 days, the
    # 90-day mark, to the admins and leadership.
    for address in (ADMIN_MAIL, LEADER_MAIL):
        (mou,) = [x for x in smtp.inbox.to(address) if subject(x).startswith("MoU Univ")]
        assert subject(mou) == "MoU Univ. Binaniaga berakhir 4 Desember 2026 (64 hari lagi)"
        assert f"{BASE}/profil_mitra?mitra=UBI" in body(mou)
        assert "is valid until 4 December 2026, 64 days from now" in body(mou)
    assert not [x for x in smtp.inbox.to(OPERATOR_MAIL) if subject(x).startswith("MoU")]
    go(date(2026, 11, 5))  # 29 days: the 30-day mark
    assert len([x for x in smtp.inbox.to(ADMIN_MAIL) if subject(x).startswith("MoU Univ")]) == 2
    go(date(2026, 12, 12))  # three days before the season closes
    (closing,) = [x for x in smtp.inbox.to(OPERATOR_MAIL) if "ditutup" in subject(x)]
    assert (
        subject(closing) == "Penilaian mandiri 2026 Kab. Kepulauan Talaud ditutup 15 Desember 2026"
    )  # noqa: E501
    assert "(3 hari lagi)" in body(closing) and "(in 3 days)" in body(closing)
    # The digest: once a week, for the verifiers, the oldest waiting first.
    digests = [x for x in smtp.inbox.to(VERIFIER_MAIL) if "Ringkasan" in subject(x)]
    weeks = {date(2026, 10, 1).isocalendar()[1], date(2026, 11, 5).isocalendar()[1],
             date(2026, 12, 12).isocalendar()[1]}  # fmt: skip
    assert len(digests) == len(weeks)
    waiting = [x for x in digests if "menunggu" in subject(x)][-1]
    with get_engine().connect() as conn:
        sent = conn.execute(
            select(func.count()).select_from(m.Submission).where(m.Submission.status == "submitted")
        ).scalar_one() + conn.execute(
            select(func.count()).select_from(m.Assessment).where(m.Assessment.status == "submitted")
        ).scalar_one()  # fmt: skip
    assert subject(waiting) == f"Ringkasan mingguan verifikasi: {sent} menunggu keputusan"
    text = body(waiting)
    assert f"{BASE}/beranda" in text and "Quarterly reports that are late:" in text
    go(date(2026, 12, 13))  # the same week: no second digest
    assert len([x for x in smtp.inbox.to(VERIFIER_MAIL) if "Ringkasan" in subject(x)]) == 3


def test_a_server_that_is_down_gives_a_logged_failure_and_a_later_retry(smtp):
    smtp.stop()
    now = datetime(2026, 4, 8, 7, 0)
    down = go(date(2026, 4, 8), now)
    assert down.exit_code == 1 and down.sent == 0 and down.failed > 0
    assert any("tidak dapat dihubungi" in line for line in down.said)
    log = reminders.mail_log(viewer=ADMIN)
    mine = log[log["recipient"] == OPERATOR_MAIL].iloc[0]
    assert (mine["status"], mine["attempts"]) == ("failed", 1)
    assert "tidak dapat dihubungi" in mine["error"]
    assert mine["next_try_at"] == now + timedelta(minutes=30)
    assert (
        reminders.mail_counts(viewer=ADMIN, since=now - timedelta(days=1))["failed"] == down.failed
    )
    smtp.start()
    early = go(date(2026, 4, 8), now + timedelta(minutes=10))  # not yet time to try again
    assert (early.sent, len(smtp.inbox.mails)) == (0, 0)
    later = go(date(2026, 4, 8), now + timedelta(minutes=31))
    assert (later.sent, later.failed, later.exit_code) == (down.failed, 0, 0)
    assert len(smtp.inbox.to(OPERATOR_MAIL)) == 1
    log = reminders.mail_log(viewer=ADMIN)
    assert set(log["status"]) == {"sent"} and set(log["error"]) == {""}
    go(date(2026, 4, 8), now + timedelta(hours=5))
    assert len(smtp.inbox.to(OPERATOR_MAIL)) == 1


def test_a_mail_is_given_up_after_the_last_attempt(smtp):
    smtp.stop()
    now = datetime(2026, 4, 8, 7, 0)
    go(date(2026, 4, 8), now)
    (mail_id,) = reminders.mail_log(viewer=ADMIN).query("recipient == @OPERATOR_MAIL")["mail_id"]
    for attempt in range(2, 7):  # waits of 30, 60, 120, 240, 480 minutes
        now += timedelta(minutes=30 * 2 ** (attempt - 2) + 1)
        go(date(2026, 4, 8), now)
    row = reminders.mail_log(viewer=ADMIN).set_index("mail_id").loc[mail_id]
    assert (row["status"], row["attempts"]) == ("gave_up", 6)
    smtp.start()
    go(date(2026, 4, 9), now + timedelta(days=2))
    assert not smtp.inbox.to(OPERATOR_MAIL)  # given up: never sent late


def test_two_runs_at_the_same_moment_send_each_mail_once(smtp):
    start = threading.Barrier(2)
    outcomes, errors = [], []

    def one_run():
        try:
            start.wait()
            outcomes.append(go(date(2026, 4, 8)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    got = [(tuple(rcpt), subject(msg)) for rcpt, msg in smtp.inbox.mails]
    assert len(got) == len(set(got)) and len(smtp.inbox.to(OPERATOR_MAIL)) == 1
    assert sum(o.sent for o in outcomes) == len(got)
    with get_engine().connect() as conn:
        keys = conn.execute(select(m.ReminderLog.key)).scalars().all()
    assert len(keys) == len(set(keys)) == sum(o.recorded for o in outcomes)


def test_starttls_and_a_login_with_the_agencys_own_authority(database_url, tmp_path,
                                                             monkeypatch):  # fmt: skip
    cert, key = certificate(tmp_path)
    server = Server(tls=(cert, key))
    server.start()
    try:
        settings = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(server.port),
                    "SMTP_SENDER": SENDER, "SMTP_USER": USER, "SMTP_PASSWORD": PASSWORD,
                    "SMTP_CA_FILE": str(cert)}  # fmt: skip
        for name, value in settings.items():
            monkeypatch.setenv(name, value)
        addresses()
        assert go(date(2026, 4, 8)).exit_code == 0
        assert len(server.inbox.to(OPERATOR_MAIL)) == 1
        monkeypatch.setenv("SMTP_PASSWORD", "salah")
        refused = go(date(2026, 4, 14))  # the 1-day mark, with a wrong password
        assert refused.exit_code == 1 and len(server.inbox.to(OPERATOR_MAIL)) == 1
        log = reminders.mail_log(viewer=ADMIN)
        assert log.iloc[0]["status"] == "failed" and log.iloc[0]["error"]
    finally:
        server.stop()


def test_a_dry_run_prints_what_would_go_and_writes_nothing(smtp):
    dry = go(date(2026, 4, 8), dry_run=True)
    line = ("[akan dicatat] report_due:16:2026-1:7 → " + CONTACT + ", " + OPERATOR_MAIL
            + " (di aplikasi: 1 akun) · Pengingat: laporan TW I 2026 Kab. Kepulauan Talaud"
            " jatuh tempo 15 April 2026")  # fmt: skip
    assert line in dry.said
    assert not smtp.inbox.mails and not reminders.recorded(["report_due:16:2026-1:7"])
    go(date(2026, 4, 8))
    assert not [s for s in go(date(2026, 4, 8), dry_run=True).said if "akan dicatat" in s]


def test_the_command_line(smtp, database_url):
    def cli(*args, **env):
        import os

        return subprocess.run([sys.executable, "-m", "notifications", "run", *args],
                              cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, **env})  # fmt: skip

    dry = cli("--dry-run", "--tanggal", "2026-04-08")
    assert dry.returncode == 0 and "report_due:16:2026-1:7" in dry.stdout
    assert not smtp.inbox.mails
    done = cli("--tanggal", "2026-04-08")
    assert done.returncode == 0 and "surel terkirim" in done.stdout
    assert len(smtp.inbox.to(OPERATOR_MAIL)) == 1
    wrong = cli("--tanggal", "2026-04-08", SMTP_PORT="dua puluh lima")
    assert wrong.returncode == 2
    assert "SMTP_PORT harus nomor port 1–65535, tertulis 'dua puluh lima'" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    month = cli("--tanggal", "2026-13-01")
    assert month.returncode == 2
    assert (
        "tanggal harus berbentuk TAHUN-BULAN-HARI, mis. 2026-10-01, tertulis '2026-13-01'"
        in month.stderr
    )


def test_without_a_mail_server_reminders_reach_the_app_only(database_url, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    addresses()
    quiet = go(date(2026, 4, 8))
    assert quiet.recorded > 0 and quiet.exit_code == 0
    assert quiet.said[0].startswith("Pengingat surel nonaktif")
    assert reminders.mail_log(viewer=ADMIN).empty
    kinds = notifications.my_notifications(viewer=OPERATOR)["kind"].tolist()
    assert kinds == ["reminder_report_due"]


# --- in the app ---------------------------------------------------------------------------


def test_the_admins_home_says_reminders_are_off_without_a_mail_server(database_url, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    at = open_page(start("admin"), "pages/beranda.py")
    assert not at.exception
    assert "Pengingat surel" in [s.value for s in at.subheader]
    (info,) = [x.value for x in at.info if "nonaktif" in x.value]
    assert info.startswith("Pengingat surel nonaktif: server surel belum diatur (SMTP_HOST).")
    assert "Belum ada surel pengingat." in texts(at)


def test_the_admins_home_lists_each_mail_with_its_state_and_error(smtp):
    smtp.stop()
    go(date(2026, 4, 8), datetime.now() - timedelta(hours=2))  # failed, tried again later
    smtp.start()
    go(date(2026, 4, 8))  # the retries go now
    smtp.stop()
    go(date(2026, 4, 14))  # the 1-day mark: fails
    at = open_page(start("admin"), "pages/beranda.py", every_column=True)
    assert not at.exception
    (on,) = [x.value for x in at.success if "Pengingat surel aktif" in x.value]
    assert on == f"Pengingat surel aktif melalui 127.0.0.1:{smtp.port}."
    metrics = {x.label: x.value for x in at.metric}
    log = reminders.mail_log(viewer=ADMIN)
    assert metrics["Terkirim"] == str((log["status"] == "sent").sum())
    assert metrics["Gagal, dicoba lagi"] == str((log["status"] == "failed").sum()) != "0"
    (table,) = [d.value for d in at.dataframe if "Penerima" in d.value.columns]
    first = table.iloc[0]
    assert first["Keadaan"] == "Gagal, dicoba lagi" and first["Pengingat"]
    assert "tidak dapat dihubungi" in first["Kesalahan terakhir"]
    assert table["Penerima"].tolist() == log["recipient"].tolist()
    sent = table[table["Keadaan"] == "Terkirim"]
    assert set(sent["Dicoba lagi"]) == {"–"} and set(sent["Kesalahan terakhir"]) == {""}


def test_the_mail_log_is_for_admins_only(database_url):
    for viewer in (VERIFIER, OPERATOR, Viewer("pimpinan", username="pimpinan")):
        with pytest.raises(AccessDenied):
            reminders.mail_log(viewer=viewer)
    at = open_page(start("verifikator"), "pages/beranda.py")
    assert "Pengingat surel" not in [s.value for s in at.subheader]


def test_reminders_show_in_the_partners_list_in_the_app(database_url, monkeypatch):
    monkeypatch.delenv("SMTP_HOST", raising=False)
    go(date(2026, 4, 8))
    at = start(account=partner_account("mitra-7104", 16))
    assert "Pengingat: laporan TW I 2026 segera jatuh tempo." in texts(at)


@pytest.mark.parametrize(("query", "year", "quarter"), [
    ({"tahun": "2025", "triwulan": "4"}, 2025, 4),
    ({"tahun": "<script>", "triwulan": "9"}, 2026, 1),  # ignored: the report that is due
])  # fmt: skip
def test_a_reminders_link_opens_the_report_it_names(database_url, reporting_window, query,
                                                    year, quarter):  # fmt: skip
    at = start(account=partner_account("mitra-7104", 16))
    for name, value in query.items():
        at.query_params[name] = value
    open_page(at, "pages/pelaporan.py")
    assert not at.exception
    assert at.selectbox(key="w_report_year").value == year
    assert at.selectbox(key="w_report_quarter").value == quarter
    assert "tahun" not in at.query_params and "triwulan" not in at.query_params


def test_a_returned_self_assessment_is_mailed_with_its_note(smtp):
    returned_assessment("Lampirkan SK satgas.")
    go(date(2026, 4, 8))
    (mail,) = [x for x in smtp.inbox.to(OPERATOR_MAIL) if "Penilaian" in subject(x)]
    assert subject(mail) == "Penilaian mandiri 2026 Kab. Kepulauan Talaud dikembalikan"
    assert body(mail).count("Lampirkan SK satgas.") == 2
    assert f"{BASE}/penilaian_mandiri" in body(mail)
    # The MoU reminders reach leadership by e-mail; its accounts have no list in the app.
    go(date(2026, 10, 1))
    assert [x for x in smtp.inbox.to(LEADER_MAIL) if subject(x).startswith("MoU")]
    leader = Viewer("pimpinan", username="pimpinan")
    assert notifications.my_notifications(viewer=leader).empty
    admin_kinds = notifications.my_notifications(viewer=ADMIN)["kind"]
    assert "reminder_mou_expiring" in set(admin_kinds)


def test_an_address_the_server_refuses_fails_alone(smtp):
    smtp.inbox.refused.add(CONTACT)
    outcome = go(date(2026, 4, 8))
    assert outcome.exit_code == 1 and outcome.failed == 1
    assert len(smtp.inbox.to(OPERATOR_MAIL)) == 1  # the others went
    log = reminders.mail_log(viewer=ADMIN).set_index("recipient")
    assert log.loc[CONTACT, "status"] == "failed"
    assert (
        "Ditolak server surel" in log.loc[CONTACT, "error"] and "550" in log.loc[CONTACT, "error"]
    )
