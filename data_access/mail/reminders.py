"""The reminders' data: the facts that decide what is due (core.mail.reminders), who is told,
and the log of reminders and mails (recorded once per key, each mail claimed by one run,
sent or failed and tried again) that admins read."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import and_, func, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError

from core.accounts.roles import Role
from core.figures.periods import last_ended, quarter_of
from data_access import models as m
from data_access.reporting import home
from data_access.store.access import Viewer, guarded
from data_access.store.db import get_engine
from data_access.store.query import frame

S, A, P, U = m.Submission, m.Assessment, m.Partner, m.User
R, MAIL = m.ReminderLog, m.MailOut
# The runner reads what waits for a decision as the verifiers see it.
RUNNER = Viewer(Role.VERIFIKATOR, username="pengingat")
STALE_CLAIM = timedelta(minutes=15)  # a run that died while sending: its mails go again
PARTNER = ["partner_id", "code", "short_name"]


def _partners(conn) -> list:
    return conn.execute(select(P.id, P.code, P.short_name).order_by(P.id)).all()


def _events(event, parent, quarter, since: datetime) -> pd.DataFrame:
    stmt = (
        select(
            event.id,
            parent.partner_id,
            P.code,
            P.short_name,
            parent.year,
            quarter,
            event.to_status,
            event.note,
            event.at,
        )
        .join(parent, parent.id == getattr(event, f"{parent.__tablename__}_id"))
        .join(P, P.id == parent.partner_id)
        .where(event.to_status.in_(("returned", "approved")), event.at >= since)
        .order_by(event.at, event.id)
    )
    columns = ["event_id", *PARTNER, "year", "quarter", "to_status", "note", "at"]
    return frame(stmt, columns).astype({"quarter": "Int64"})


def facts(
    today: date, now: datetime, *, events_within_days: int, mou_horizon_days: int
) -> dict[str, pd.DataFrame]:
    """What decides the reminders of `today` (frames as core.mail.reminders expects them):
    'reports' (every partner's report due now and of the quarter in progress, and any
    other draft or returned one), 'report_events' and 'assessment_events' (decisions since
    `events_within_days` before `now`), 'assessments' (every partner, today's year),
    'mous' (not renewed, expiring within `mou_horizon_days`), 'waiting' (as
    data_access.reporting.home.waiting_decisions)."""
    periods = {(p.year, p.quarter) for p in (last_ended(today), quarter_of(today))}
    since = now - timedelta(days=events_within_days)
    with get_engine().connect() as conn:
        partners = _partners(conn)
        rows = conn.execute(
            select(S.partner_id, S.year, S.quarter, S.status).where(
                or_(
                    S.status.in_(("draft", "returned")),
                    *[(S.year == y) & (S.quarter == q) for y, q in periods],
                )
            )
        ).all()
        assessed = dict(
            conn.execute(select(A.partner_id, A.status).where(A.year == today.year)).all()
        )
    status = {(r.partner_id, r.year, r.quarter): r.status for r in rows}
    wanted = {(p.id, y, q) for p in partners for y, q in periods} | set(status)
    names = {p.id: (p.code, p.short_name) for p in partners}
    reports = pd.DataFrame(
        [(pid, *names[pid], y, q, status.get((pid, y, q), "none")) for pid, y, q in sorted(wanted)],
        columns=[*PARTNER, "year", "quarter", "status"],
    )
    assessments = pd.DataFrame(
        [(p.id, p.code, p.short_name, assessed.get(p.id, "none")) for p in partners],
        columns=[*PARTNER, "status"],
    )
    mous = frame(
        select(m.Mou.id, m.Mou.partner_id, P.code, P.short_name, m.Mou.number, m.Mou.valid_until)
        .join(P, P.id == m.Mou.partner_id)
        .where(m.Mou.renewed_by_id.is_(None), m.Mou.valid_until >= today)
        .where(m.Mou.valid_until <= today + timedelta(days=mou_horizon_days))
        .order_by(m.Mou.valid_until, m.Mou.id),
        ["mou_id", *PARTNER, "number", "valid_until"],
    )
    return {
        "reports": reports,
        "assessments": assessments,
        "report_events": _events(m.SubmissionEvent, S, S.quarter, since),
        "assessment_events": _events(m.AssessmentEvent, A, literal(None), since),
        "mous": mous,
        "waiting": home.waiting_decisions(viewer=RUNNER),
    }


def people() -> pd.DataFrame:
    """Who may be told (core.mail.reminders.People): each partner's registry contact and its
    operators' accounts, the verifiers, the admins and leadership; disabled accounts left
    out. Columns: audience: str; partner_id, user_id: Int64; email: str."""
    with get_engine().connect() as conn:
        contacts = conn.execute(select(P.id, P.contact_email)).all()
        accounts = conn.execute(
            select(U.id, U.role, U.partner_id, U.email).where(~U.disabled)
        ).all()
    rows = [("partner", pid, None, email or "") for pid, email in contacts]
    who = {Role.MITRA: "partner", Role.VERIFIKATOR: "verifiers", Role.ADMIN: "leaders",
           Role.PIMPINAN: "leaders"}  # fmt: skip
    # Leadership has no list of notifications (Ringkasan shows the MoUs expiring within 180
    # days); its reminders go by e-mail.
    rows += [
        (who[a.role], a.partner_id, None if a.role == Role.PIMPINAN else a.id, a.email or "")
        for a in accounts
    ]
    out = pd.DataFrame(rows, columns=["audience", "partner_id", "user_id", "email"])
    return out.astype({"partner_id": "Int64", "user_id": "Int64"})


def recorded(keys: list[str]) -> set[str]:
    """Which of `keys` were recorded already (what a dry run leaves out)."""
    if not keys:
        return set()
    with get_engine().connect() as conn:
        found = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found |= set(conn.execute(select(R.key).where(R.key.in_(chunk))).scalars())
        return found


def record(reminder, mails: list[tuple[str, str, str]], now: datetime) -> bool:
    """Record `reminder` (core.mail.reminders.Reminder) once: its key, a pending mail for each
    (recipient, subject, body) of `mails`, and when it is `in_app` a notification for each
    of its accounts, all in one transaction. False when its key was recorded before, by an
    earlier run or by one running at the same moment (nothing is written then)."""
    try:
        with get_engine().begin() as conn:
            rid = conn.execute(
                insert(R)
                .values(
                    key=reminder.key,
                    kind=reminder.kind,
                    partner_id=reminder.partner_id,
                    created_at=now,
                )
                .returning(R.id)
            ).scalar_one()
            if mails:
                conn.execute(
                    insert(MAIL),
                    [
                        {
                            "reminder_id": rid,
                            "recipient": to,
                            "subject": subject,
                            "body": body,
                            "status": "pending",
                            "attempts": 0,
                            "created_at": now,
                            "next_try_at": now,
                            "error": "",
                        }
                        for to, subject, body in mails
                    ],
                )
            if reminder.in_app and reminder.accounts:
                conn.execute(
                    insert(m.Notification),
                    [
                        {
                            "user_id": uid,
                            "kind": f"reminder_{reminder.kind}",
                            "partner_id": reminder.partner_id,
                            "year": reminder.year,
                            "quarter": reminder.quarter,
                            "note": reminder.note,
                            "created_at": now,
                        }
                        for uid in reminder.accounts
                    ],
                )
    except IntegrityError:
        return False
    return True


def _ready(now: datetime):
    return or_(
        and_(MAIL.status.in_(("pending", "failed")), MAIL.next_try_at <= now),
        and_(MAIL.status == "sending", MAIL.claimed_at < now - STALE_CLAIM),
    )


def waiting_mail(now: datetime) -> pd.DataFrame:
    """Mails a run would send now (a dry run's list). Columns: mail_id: int; recipient,
    subject, status: str; attempts: int."""
    stmt = (
        select(MAIL.id, MAIL.recipient, MAIL.subject, MAIL.status, MAIL.attempts)
        .where(_ready(now))
        .order_by(MAIL.id)
    )
    return frame(stmt, ["mail_id", "recipient", "subject", "status", "attempts"])


def claim(now: datetime) -> list:
    """Take the mails due now for this run: each row is claimed by one run only (the
    status it was seen in is the UPDATE's condition), so two runs at once never send one
    mail twice. Rows: id, recipient, subject, body, attempts."""
    with get_engine().connect() as conn:
        seen = conn.execute(select(MAIL.id, MAIL.status).where(_ready(now)).order_by(MAIL.id)).all()
    mine = []
    for mail_id, status in seen:
        with get_engine().begin() as conn:
            taken = conn.execute(
                update(MAIL)
                .where(MAIL.id == mail_id, MAIL.status == status, _ready(now))
                .values(status="sending", claimed_at=now)
            ).rowcount
            if taken == 1:
                mine.append(
                    conn.execute(
                        select(
                            MAIL.id, MAIL.recipient, MAIL.subject, MAIL.body, MAIL.attempts
                        ).where(MAIL.id == mail_id)
                    ).one()
                )
    return mine


def sent(mail_id: int, now: datetime) -> None:
    """A claimed mail went out."""
    with get_engine().begin() as conn:
        conn.execute(
            update(MAIL)
            .where(MAIL.id == mail_id, MAIL.status == "sending")
            .values(status="sent", sent_at=now, attempts=MAIL.attempts + 1, error="")
        )


def failed(
    mail_id: int, error: str, now: datetime, *, retry_after_minutes: int, max_attempts: int
) -> str:
    """A claimed mail could not go: tried again `retry_after_minutes` later (doubling with
    each failure) or, after `max_attempts`, given up. Returns the new status."""
    with get_engine().begin() as conn:
        attempts = conn.execute(select(MAIL.attempts).where(MAIL.id == mail_id)).scalar_one() + 1
        status = "gave_up" if attempts >= max_attempts else "failed"
        wait = timedelta(minutes=retry_after_minutes * 2 ** (attempts - 1))
        conn.execute(
            update(MAIL)
            .where(MAIL.id == mail_id, MAIL.status == "sending")
            .values(status=status, attempts=attempts, error=error[:2000], next_try_at=now + wait)
        )
    return status


@guarded(Role.ADMIN)
def mail_log(*, limit: int = 200) -> pd.DataFrame:
    """The latest mails, newest first (at most `limit`).

    Columns: mail_id: int; created_at: datetime; kind, recipient, subject, status: str;
    attempts: int; next_try_at: datetime; sent_at: datetime (NaT until sent); error: str.
    """
    stmt = (
        select(
            MAIL.id,
            MAIL.created_at,
            R.kind,
            MAIL.recipient,
            MAIL.subject,
            MAIL.status,
            MAIL.attempts,
            MAIL.next_try_at,
            MAIL.sent_at,
            MAIL.error,
        )
        .join(R, R.id == MAIL.reminder_id)
        .order_by(MAIL.created_at.desc(), MAIL.id.desc())
        .limit(limit)
    )
    return frame(
        stmt,
        [
            "mail_id",
            "created_at",
            "kind",
            "recipient",
            "subject",
            "status",
            "attempts",
            "next_try_at",
            "sent_at",
            "error",
        ],
    )


@guarded(Role.ADMIN)
def mail_counts(*, since: datetime) -> dict[str, int]:
    """How many mails created since `since` are in each status (every status named)."""
    with get_engine().connect() as conn:
        got = dict(
            conn.execute(
                select(MAIL.status, func.count())
                .where(MAIL.created_at >= since)
                .group_by(MAIL.status)
            ).all()
        )
    return {status: int(got.get(status, 0)) for status in m.MAIL_STATUSES}
