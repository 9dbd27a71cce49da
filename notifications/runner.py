"""One run of the reminders: decide what is due today (core.mail.reminders), record each new
reminder once with its mails and notifications in the app (data_access.mail.reminders), then send
the mails that are due, the failed ones of earlier runs included."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from core.figures.completeness import load_rules
from core.mail.mail_settings import MailSettings, mail_settings
from core.mail.mail_text import compose
from core.mail.reminder_rules import ReminderRules, load_reminder_rules
from core.mail.reminders import (
    People,
    Reminder,
    assessment_reminders,
    decision_reminders,
    digest,
    late_reports,
    mou_reminders,
    report_reminders,
)
from data_access.mail import reminders as log
from data_access.store.db import get_engine
from data_access.store.setup import migrate
from notifications import smtp

# A failure of the connection, not of one address: the mails after it are not tried in
# this run (they go in the next). Every other SMTP error is about the one mail.
BROKEN = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError,
          smtplib.SMTPAuthenticationError, smtplib.SMTPHeloError)  # fmt: skip


@dataclass
class Outcome:
    recorded: int = 0
    sent: int = 0
    failed: int = 0
    gave_up: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every mail tried went out; 1 when one failed (tried again later)."""
        return 1 if self.failed or self.gave_up else 0


def due_reminders(today: date, now: datetime, rules: ReminderRules) -> list[Reminder]:
    """Every reminder due on `today`, whether recorded before or not."""
    reporting = load_rules()
    facts = log.facts(
        today,
        now,
        events_within_days=rules.events_within_days,
        mou_horizon_days=max(rules.expiring_in_days),
    )
    people = People(log.people())
    late = late_reports(facts["reports"], reporting, today)
    found = [
        *report_reminders(facts["reports"], people, rules, reporting, today),
        *decision_reminders(facts["report_events"], people, rules, now, "report"),
        *decision_reminders(facts["assessment_events"], people, rules, now, "assessment"),
        *assessment_reminders(facts["assessments"], people, rules, today),
        *mou_reminders(facts["mous"], people, rules, today),
        *digest(facts["waiting"], late, people, rules, today),
    ]
    return [r for r in found if r.emails or (r.in_app and r.accounts)]


def run(
    *, today: date, now: datetime, dry_run: bool = False, say: Callable[[str], None] = print
) -> Outcome:
    """Record and send what is due; `dry_run` prints what would be recorded and sent and
    writes nothing."""
    rules = load_reminder_rules()
    settings = mail_settings()
    migrate(get_engine())  # a run after an upgrade finds the schema it expects
    if settings is None:
        say(
            "Pengingat surel nonaktif: SMTP_HOST tidak diatur; pengingat hanya dicatat di aplikasi."
        )
    due = due_reminders(today, now, rules)
    seen = log.recorded([r.key for r in due])
    new = [r for r in due if r.key not in seen]
    outcome = Outcome()
    for reminder in new:
        subject, body = compose(reminder, rules)
        mails = [(to, subject, body) for to in reminder.emails] if settings else []
        if dry_run:
            to = ", ".join(reminder.emails) or "-"
            told = len(reminder.accounts) if reminder.in_app else 0
            say(f"[akan dicatat] {reminder.key} → {to} (di aplikasi: {told} akun) · {subject}")
            continue
        outcome.recorded += log.record(reminder, mails, now)
    if dry_run:
        for row in log.waiting_mail(now).itertuples() if settings else ():
            say(
                f"[akan dikirim lagi] {row.recipient} · {row.subject} (percobaan ke-"
                f"{row.attempts + 1})"
            )
        return outcome
    if settings is None:
        say(f"{outcome.recorded} pengingat baru dicatat di aplikasi.")
        return outcome
    _send(log.claim(now), settings, rules, now, outcome, say)
    say(
        f"{outcome.recorded} pengingat baru dicatat; {outcome.sent} surel terkirim, "
        f"{outcome.failed} gagal (dicoba lagi nanti), {outcome.gave_up} dihentikan."
    )
    return outcome


def _send(
    claimed: list,
    settings: MailSettings,
    rules: ReminderRules,
    now: datetime,
    outcome: Outcome,
    say: Callable[[str], None],
) -> None:
    if not claimed:
        return
    server, broken = None, ""
    try:
        server = smtp.connect(settings)
    except OSError as exc:  # smtplib's errors are OSErrors too
        broken = f"Server surel {settings.host}:{settings.port} tidak dapat dihubungi: {exc}"
    try:
        for mail in claimed:
            error = broken
            if not error:
                try:
                    smtp.send(server, settings, mail.recipient, mail.subject, mail.body)
                except BROKEN as exc:
                    error = broken = f"Sambungan ke server surel terputus: {exc}"
                except smtplib.SMTPException as exc:
                    error = f"Ditolak server surel: {exc}"
                except OSError as exc:
                    error = broken = f"Sambungan ke server surel terputus: {exc}"
                except (ValueError, UnicodeError) as exc:  # an address no header may hold
                    error = f"Alamat atau perihal tidak sah: {exc}"
            if not error:
                log.sent(mail.id, now)
                outcome.sent += 1
                continue
            status = log.failed(
                mail.id,
                error,
                now,
                retry_after_minutes=rules.retry_after_minutes,
                max_attempts=rules.max_attempts,
            )
            outcome.gave_up += status == "gave_up"
            outcome.failed += status == "failed"
            say(f"[gagal] {mail.recipient} · {mail.subject}: {error}")
    finally:
        if server is not None:
            try:
                server.quit()
            except OSError:
                server.close()
