"""Which reminders are due on a day: pure functions over the frames of
data_access.mail.reminders.facts and the rules of config/pengingat.toml.

Every reminder has a key that names it once and for all (what, for whom, which mark of its
schedule): the runner records each key once, so a reminder never goes twice however often
it runs. A schedule's marks (e.g. 7 and 1 days before) each give their own key; a day
between two marks gives the key of the nearest mark not yet passed, so a run that missed a
mark catches it up, and one that missed several sends only the latest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import pandas as pd

from core.figures.completeness import Rules
from core.mail.reminder_rules import ReminderRules

OPEN = ("none", "draft", "returned")
# An address a mail can go to: one @, no spaces or line breaks (anything else is left out).
ADDRESS = re.compile(
    r"[^@\s]+@[^@\s]+\.[^@\s]+"
)  # a report or assessment the partner still has to send


@dataclass(frozen=True)
class Reminder:
    """One reminder: what it tells (`kind`, `facts` for its text), to whom (`emails`, and
    `accounts` for the list in the app when `in_app`), and the page it links to (`path`)."""

    key: str
    kind: str
    path: str
    emails: tuple[str, ...]
    accounts: tuple[int, ...] = ()
    partner_id: int | None = None
    year: int | None = None
    quarter: int | None = None
    in_app: bool = True
    note: str = ""  # kept with the notification in the app
    facts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class People:
    """Who is told: `people` has one row per address or account — audience: 'partner' |
    'verifiers' | 'leaders' (admins and leadership); partner_id: Int64 (the partner's, for
    'partner'); user_id: Int64 (NA for a registry contact); email: str ('' when none)."""

    people: pd.DataFrame

    def of(self, audience: str, partner_id: int | None = None) -> tuple[tuple, tuple]:
        """The (emails, account ids) of `audience` (of one partner for 'partner'): each
        address once whatever its case."""
        rows = self.people[self.people["audience"] == audience]
        if partner_id is not None:
            rows = rows[rows["partner_id"] == partner_id]
        emails = dict.fromkeys(
            e.strip().lower() for e in rows["email"] if e and ADDRESS.fullmatch(e.strip())
        )
        accounts = sorted({int(u) for u in rows["user_id"].dropna()})
        return tuple(emails), tuple(accounts)


def mark(days_left: int, marks: Iterable[int]) -> int | None:
    """The schedule's mark that `days_left` falls under: the smallest mark at or above it;
    None when it is past the last mark (negative) or before the first."""
    under = [m for m in marks if m >= days_left >= 0]
    return min(under) if under else None


def link(path: str, **query) -> str:
    """A page's path with its query: the part of a mail's link after the base address."""
    shown = {k: v for k, v in query.items() if v is not None}
    return f"/{path}" + (f"?{urlencode(shown)}" if shown else "")


def _partner(row) -> dict:
    return {"partner": row.short_name, "code": row.code}


def report_reminders(
    reports: pd.DataFrame, people: People, rules: ReminderRules, reporting: Rules, today: date
) -> Iterator[Reminder]:
    """Reports due soon and reports late. `reports`: partner_id: int; code, short_name: str;
    year, quarter: int; status: str ('none' when nothing was started)."""
    for row in reports.itertuples():
        if row.status not in OPEN:
            continue
        due = reporting.due(row.year, row.quarter)
        days = (due - today).days
        base = f"{row.partner_id}:{row.year}-{row.quarter}"
        page = link("pelaporan", tahun=row.year, triwulan=row.quarter)
        emails, accounts = people.of("partner", row.partner_id)
        facts = {**_partner(row), "year": row.year, "quarter": row.quarter, "due_date": due}
        common = {"partner_id": row.partner_id, "year": row.year, "quarter": row.quarter}
        if days >= 0:
            at = mark(days, rules.due_in_days)
            if at is not None:
                yield Reminder(
                    f"report_due:{base}:{at}",
                    "report_due",
                    page,
                    emails,
                    accounts,
                    facts={**facts, "days": days},
                    **common,
                )
            continue
        late = -days
        yield Reminder(
            f"report_overdue:{base}:{(late - 1) // rules.overdue_every_days}",
            "report_overdue",
            page,
            emails,
            accounts,
            facts={**facts, "days": late},
            **common,
        )
    yield from _copies(late_reports(reports, reporting, today), people, rules)


def _copies(late: pd.DataFrame, people: People, rules: ReminderRules) -> Iterator[Reminder]:
    """One copy for the verifiers per late quarter and round, naming every partner whose
    report of it is still missing: a quarter's reports share their due date, so they are
    late by the same number of days."""
    late = late[late["days_late"] >= rules.copy_verifiers_after_days]
    staff, accounts = people.of("verifiers")
    for (year, quarter), rows in late.groupby(["year", "quarter"], sort=True):
        days = int(rows["days_late"].iloc[0])
        round_ = (days - rules.copy_verifiers_after_days) // rules.overdue_every_days
        names = sorted(rows["short_name"])
        yield Reminder(
            f"report_overdue_copy:{year}-{quarter}:{round_}",
            "report_overdue_copy",
            link("pelaporan", tahun=year, triwulan=quarter),
            staff,
            accounts,
            year=int(year),
            quarter=int(quarter),
            note="\n".join(names),
            facts={
                "year": int(year),
                "quarter": int(quarter),
                "days": days,
                "due_date": rows["due_on"].iloc[0],
                "count": len(names),
                "names": names,
            },
        )


def late_reports(reports: pd.DataFrame, reporting: Rules, today: date) -> pd.DataFrame:
    """The reports of `reports` (as for report_reminders) still open after their due date,
    with due_on: date and days_late: int, the latest due first."""
    due = [reporting.due(y, q) for y, q in zip(reports["year"], reports["quarter"], strict=True)]
    out = reports.assign(due_on=due)
    out = out[out["status"].isin(OPEN) & (out["due_on"] < today)].copy()
    out["days_late"] = [(today - d).days for d in out["due_on"]]
    return out.sort_values(["due_on", "partner_id"], ascending=[False, True]).reset_index(drop=True)


def decision_reminders(
    events: pd.DataFrame, people: People, rules: ReminderRules, now: datetime, what: str
) -> Iterator[Reminder]:
    """A report or self-assessment returned or approved (`what`: 'report' | 'assessment').
    `events`: event_id, partner_id: int; code, short_name: str; year: int; quarter: Int64;
    to_status: str; note: str; at: datetime. Decisions older than the rules'
    events_within_days are left out. The app told of them already (in_app False)."""
    since = now - timedelta(days=rules.events_within_days)
    for row in events.itertuples():
        if row.to_status not in ("returned", "approved") or row.at < since:
            continue
        quarter = int(row.quarter) if what == "report" else None
        page = (
            link("pelaporan", tahun=row.year, triwulan=quarter)
            if what == "report"
            else link("penilaian_mandiri")
        )
        emails, accounts = people.of("partner", row.partner_id)
        yield Reminder(
            f"{what}_{row.to_status}:{row.event_id}",
            f"{what}_{row.to_status}",
            page,
            emails,
            accounts,
            row.partner_id,
            row.year,
            quarter,
            in_app=False,
            facts={**_partner(row), "year": row.year, "quarter": quarter, "note": row.note},
        )


def assessment_reminders(
    assessments: pd.DataFrame, people: People, rules: ReminderRules, today: date
) -> Iterator[Reminder]:
    """The self-assessment season opened, and closing soon, for partners that have not sent
    theirs. `assessments`: partner_id: int; code, short_name: str; status: str ('none' when
    not started), for today's year."""
    opens, closes = rules.season(today.year)
    if not opens <= today <= closes:
        return
    days = (closes - today).days
    at = mark(days, rules.closing_in_days)
    page = link("penilaian_mandiri")
    for row in assessments.itertuples():
        if row.status not in OPEN:
            continue
        emails, accounts = people.of("partner", row.partner_id)
        facts = {**_partner(row), "year": today.year, "opens_on": opens, "closes_on": closes}
        common = {"partner_id": row.partner_id, "year": today.year}
        base = f"{row.partner_id}:{today.year}"
        yield Reminder(
            f"assessment_open:{base}",
            "assessment_open",
            page,
            emails,
            accounts,
            facts=facts,
            **common,
        )
        if at is not None:
            yield Reminder(
                f"assessment_closing:{base}:{at}",
                "assessment_closing",
                page,
                emails,
                accounts,
                facts={**facts, "days": days},
                **common,
            )


def mou_reminders(
    mous: pd.DataFrame, people: People, rules: ReminderRules, today: date
) -> Iterator[Reminder]:
    """MoUs not renewed that expire within the schedule's marks, to admins and leadership.
    `mous`: mou_id, partner_id: int; code, short_name, number: str; valid_until: date."""
    emails, accounts = people.of("leaders")
    for row in mous.itertuples():
        days = (row.valid_until - today).days
        at = mark(days, rules.expiring_in_days)
        if at is None:
            continue
        yield Reminder(
            f"mou_expiring:{row.mou_id}:{at}",
            "mou_expiring",
            link("profil_mitra", mitra=row.code),
            emails,
            accounts,
            row.partner_id,
            facts={
                **_partner(row),
                "mou_number": row.number,
                "valid_until": row.valid_until,
                "days": days,
            },
        )


def digest(
    waiting: pd.DataFrame, late: pd.DataFrame, people: People, rules: ReminderRules, today: date
) -> Iterator[Reminder]:
    """The verifiers' weekly digest, once per ISO week from its weekday on, when anything
    waits for a decision or a report is late. `waiting` as
    data_access.reporting.home.waiting_decisions (oldest first); `late`: the reports that are
    late (partner_id, short_name, year, quarter, due_on)."""
    if today.isoweekday() < rules.digest_weekday or (waiting.empty and late.empty):
        return
    year, week, _ = today.isocalendar()
    emails, accounts = people.of("verifiers")
    yield Reminder(
        f"digest:{year}-W{week:02d}",
        "digest",
        link("beranda"),
        emails,
        accounts,
        in_app=False,
        facts={"waiting": waiting, "late": late, "today": today},
    )
