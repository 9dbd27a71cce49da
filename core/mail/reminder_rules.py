"""The reminders' schedules and texts (config/pengingat.toml), checked and parsed: a mistake
is a sentence naming the entry."""

from __future__ import annotations

import os
import string
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

RULES_PATH = Path(__file__).resolve().parents[2] / "config" / "pengingat.toml"
KINDS = (
    "report_due",
    "report_overdue",
    "report_overdue_copy",
    "report_returned",
    "report_approved",
    "assessment_open",
    "assessment_closing",
    "assessment_returned",
    "assessment_approved",
    "mou_expiring",
    "digest",
)
LANGUAGES = ("id", "en")
PLACES = {
    "partner", "period", "due_date", "days", "note", "link", "year", "opens_on", "closes_on",
    "mou_number", "valid_until", "count", "list", "late",
}  # fmt: skip


class ReminderRulesError(ValueError):
    """The reminders' file is wrong; the message says where."""


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


@dataclass(frozen=True)
class ReminderRules:
    base_url: str
    languages: tuple[str, ...]
    due_in_days: tuple[int, ...]
    overdue_every_days: int
    copy_verifiers_after_days: int
    opens_on: tuple[int, int]  # month, day
    closes_on: tuple[int, int]
    closing_in_days: tuple[int, ...]
    expiring_in_days: tuple[int, ...]
    digest_weekday: int  # 1 = Monday
    retry_after_minutes: int
    max_attempts: int
    events_within_days: int
    texts: dict[str, dict[str, Text]]  # kind -> language -> text

    def season(self, year: int) -> tuple[date, date]:
        """The self-assessment's season of `year`: first and last day."""
        return date(year, *self.opens_on), date(year, *self.closes_on)


def _section(data: dict, name: str, source: str) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ReminderRulesError(f"{source}: [{name}] harus berupa bagian (tabel)")
    return value


def _whole(value, name: str, source: str, low: int = 1, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ReminderRulesError(
            f"{source}: '{name}' harus bilangan bulat ≥ {low}, tertulis {value!r}"
        )
    if high is not None and value > high:
        raise ReminderRulesError(
            f"{source}: '{name}' harus antara {low} dan {high}, tertulis {value!r}"
        )
    return value


def _marks(value, name: str, source: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise ReminderRulesError(f"{source}: '{name}' harus daftar hari, mis. [7, 1]")
    return tuple(sorted({_whole(v, name, source, low=0) for v in value}, reverse=True))


def _month_day(value, name: str, source: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in str(value).split("-"))
        date(2024, month, day)  # a leap year: 02-29 is allowed
    except ValueError:
        raise ReminderRulesError(
            f"{source}: '{name}' harus bulan-tanggal seperti \"10-01\", tertulis {value!r}"
        ) from None
    return month, day


def _texts(data: dict, languages: tuple[str, ...], source: str) -> dict[str, dict[str, Text]]:
    section = _section(data, "text", source)
    out: dict[str, dict[str, Text]] = {}
    for kind in KINDS:
        entry = _section(section, kind, source)
        out[kind] = {}
        for lang in languages:
            suffix = "" if lang == "id" else f"_{lang}"
            parts = []
            for field in ("subject", "body"):
                name = f"[text.{kind}] {field}{suffix}"
                value = entry.get(field + suffix)
                if not isinstance(value, str) or not value.strip():
                    raise ReminderRulesError(f"{source}: {name} kosong atau tidak ada")
                try:
                    used = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
                except ValueError as exc:
                    raise ReminderRulesError(
                        f"{source}: {name}: kurung kurawal salah ({exc})"
                    ) from None
                unknown = sorted(used - PLACES)
                if unknown:
                    raise ReminderRulesError(
                        f"{source}: {name} memakai tempat isian yang tidak dikenal: "
                        + ", ".join("{" + u + "}" for u in unknown)
                    )
                parts.append(value.strip())
            out[kind][lang] = Text(*parts)
    return out


def parse_reminder_rules(data: dict, source: str = "pengingat.toml") -> ReminderRules:
    languages = data.get("languages", ["id"])
    if not isinstance(languages, list) or not languages or set(languages) - set(LANGUAGES):
        raise ReminderRulesError(
            f"{source}: 'languages' harus daftar dari {list(LANGUAGES)}, tertulis {languages!r}"
        )
    languages = tuple(dict.fromkeys(languages))
    base_url = data.get("base_url", "")
    if not isinstance(base_url, str) or not base_url.startswith(("http://", "https://")):
        raise ReminderRulesError(
            f"{source}: 'base_url' harus alamat http(s)://, tertulis {base_url!r}"
        )

    def whole(part: str, name: str, low: int = 1, high: int | None = None) -> int:
        return _whole(_section(data, part, source).get(name), name, source, low, high)

    def marks(part: str, name: str) -> tuple[int, ...]:
        return _marks(_section(data, part, source).get(name), name, source)

    def month_day(name: str) -> tuple[int, int]:
        return _month_day(_section(data, "assessment", source).get(name), name, source)

    rules = ReminderRules(
        base_url=base_url.rstrip("/"),
        languages=languages,
        due_in_days=marks("report", "due_in_days"),
        overdue_every_days=whole("report", "overdue_every_days"),
        copy_verifiers_after_days=whole("report", "copy_verifiers_after_days"),
        opens_on=month_day("opens_on"),
        closes_on=month_day("closes_on"),
        closing_in_days=marks("assessment", "closing_in_days"),
        expiring_in_days=marks("mou", "expiring_in_days"),
        digest_weekday=whole("digest", "weekday", 1, 7),
        retry_after_minutes=whole("sending", "retry_after_minutes"),
        max_attempts=whole("sending", "max_attempts"),
        events_within_days=whole("sending", "events_within_days"),
        texts=_texts(data, languages, source),
    )
    if rules.opens_on >= rules.closes_on:
        raise ReminderRulesError(
            f"{source}: 'opens_on' harus sebelum 'closes_on' dalam tahun yang sama"
        )
    return rules


@lru_cache(maxsize=4)
def _parsed(path: str, mtime: float) -> ReminderRules:
    try:
        with open(path, "rb") as handle:
            return parse_reminder_rules(tomllib.load(handle), Path(path).name)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReminderRulesError(f"{Path(path).name}: tidak dapat dibaca ({exc})") from exc


def load_reminder_rules() -> ReminderRules:
    """REMINDER_CONFIG or config/pengingat.toml, parsed once per file version; APP_BASE_URL
    replaces the file's base_url."""
    path = Path(os.environ.get("REMINDER_CONFIG") or RULES_PATH)
    rules = _parsed(str(path), path.stat().st_mtime if path.exists() else 0.0)
    base = os.environ.get("APP_BASE_URL", "").strip()
    if base:
        if not base.startswith(("http://", "https://")):
            raise ReminderRulesError(f"APP_BASE_URL harus alamat http(s)://, tertulis {base!r}")
        rules = replace(rules, base_url=base.rstrip("/"))
    return rules
