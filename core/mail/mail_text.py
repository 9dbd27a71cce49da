"""A reminder's mail: its subject and plain-text body in the configured languages, with
Indonesian (or English) dates and numbers and the link to the exact page."""

from __future__ import annotations

from datetime import date

from core.mail.reminder_rules import ReminderRules
from core.mail.reminders import Reminder
from core.text import fmt
from core.text.i18n import t

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"
NO_NOTE = {"id": "(tanpa catatan)", "en": "(no note)"}
NOTHING = {"id": "(tidak ada)", "en": "(none)"}
DAYS = {"id": "{n} hari", "en": "{n} days"}


def days(n: int, lang: str) -> str:
    """A number of days with its unit: "7 hari", "7 days", "1 day"."""
    if lang == "en" and n == 1:
        return "1 day"
    return DAYS[lang].format(n=fmt.number(n, lang))


LISTED = 20  # lines of a digest's lists; the rest is counted


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _date(value, lang: str) -> str:
    return fmt.long_date(value, lang) if isinstance(value, date) else ""


def values(reminder: Reminder, rules: ReminderRules, lang: str) -> dict[str, str]:
    """The placeholders of `reminder`'s texts in `lang`."""
    facts = reminder.facts
    out = {
        "partner": str(facts.get("partner", "")),
        "year": str(facts.get("year", "") or ""),
        "link": rules.base_url + reminder.path,
        "mou_number": str(facts.get("mou_number", "")),
        "note": str(facts.get("note") or "").strip() or NO_NOTE[lang],
    }
    if facts.get("quarter"):
        out["period"] = fmt.quarter(int(facts["year"]), int(facts["quarter"]), lang)
    if "days" in facts:
        out["days"] = days(int(facts["days"]), lang)
    for name in ("due_date", "opens_on", "closes_on", "valid_until"):
        out[name] = _date(facts.get(name), lang)
    if reminder.kind == "digest":
        out.update(_digest(facts, lang))
    elif "names" in facts:
        out["count"] = fmt.number(int(facts["count"]), lang)
        out["list"] = "\n".join(f"- {name}" for name in facts["names"])
    return out


def _digest(facts: dict, lang: str) -> dict[str, str]:
    waiting, late, today = facts["waiting"], facts["late"], facts["today"]
    lines = []
    for row in waiting.head(LISTED).itertuples():
        what = (
            t(
                "home.report_label",
                lang,
                period=fmt.quarter_name(int(row.quarter), lang),
                year=row.year,
            )
            if row.kind == "report"
            else t("home.assessment_label", lang, year=row.year)
        )
        waited = max(0, (today - row.submitted_at.date()).days)
        lines.append(
            f"- {row.short_name}: {what}, {fmt.long_date(row.submitted_at.date(), lang)}"
            f" ({days(waited, lang)})"
        )
    late_lines = [
        f"- {row.short_name}: {fmt.quarter(int(row.year), int(row.quarter), lang)}"
        f" ({days(int(row.days_late), lang)})"
        for row in late.head(LISTED).itertuples()
    ]
    more = {"id": "… dan {n} lainnya", "en": "… and {n} more"}[lang]
    if len(waiting) > LISTED:
        lines.append(more.format(n=fmt.number(len(waiting) - LISTED, lang)))
    if len(late) > LISTED:
        late_lines.append(more.format(n=fmt.number(len(late) - LISTED, lang)))
    return {
        "count": fmt.number(len(waiting), lang),
        "list": "\n".join(lines) or NOTHING[lang],
        "late": fmt.number(len(late), lang) + ("\n" + "\n".join(late_lines) if late_lines else ""),
    }


def compose(reminder: Reminder, rules: ReminderRules) -> tuple[str, str]:
    """The mail of `reminder`: the first language's subject (on one line) and the body in
    every configured language, in order."""
    texts = rules.texts[reminder.kind]
    filled = {lang: _Blank(values(reminder, rules, lang)) for lang in rules.languages}
    first = rules.languages[0]
    subject = texts[first].subject.format_map(filled[first])
    subject = " ".join(subject.split())[:250]
    body = SEPARATOR.join(texts[lang].body.format_map(filled[lang]) for lang in rules.languages)
    return subject, body + "\n"
