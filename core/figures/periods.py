"""A reporting period (year to the end of a quarter) and the one before it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from core.text import fmt


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int

    @property
    def start(self) -> date:
        """The first day of the quarter."""
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        return fmt.quarter_end(self.year, self.quarter)

    def previous_year(self) -> Period:
        """The same quarter a year earlier: absorption is only comparable within a quarter."""
        return Period(self.year - 1, self.quarter)

    def label(self, lang: str = "id") -> str:
        return fmt.period(self.year, self.quarter, lang)

    @property
    def outcome_year(self) -> int:
        """The last year whose yearly figures (placements, complaints, …) the period holds:
        they come with the TW IV report, so before TW IV it is the year before."""
        return self.year if self.quarter == 4 else self.year - 1

    def holds(self, year: int, quarter: int) -> bool:
        """Whether the quarter is the period's own or before it (nothing after it counts)."""
        return (year, quarter) <= (self.year, self.quarter)


def today() -> date:
    """Today's date, or `DASHBOARD_TODAY` (ISO) to pin it for demonstrations and tests."""
    pinned = os.environ.get("DASHBOARD_TODAY", "").strip()
    return date.fromisoformat(pinned) if pinned else date.today()


@dataclass(frozen=True)
class DefaultPeriod:
    """The period pages open on and why: 'complete' (the latest ended quarter that enough
    partners reported), 'latest' (none did: the latest ended quarter with any figures) or
    'empty' (no figures at all: the last ended quarter of the calendar)."""

    period: Period
    reason: str


def quarter_of(day: date) -> Period:
    return Period(day.year, (day.month - 1) // 3 + 1)


def last_ended(day: date) -> Period:
    """The latest quarter whose last day is before `day`."""
    now = quarter_of(day)
    return Period(now.year - 1, 4) if now.quarter == 1 else Period(now.year, now.quarter - 1)


def default_period(reporting, day: date, min_share: float) -> DefaultPeriod:
    """The period to open on, from reporting_by_quarter's frame (year, quarter,
    partners_reported, partners_total) as of `day`."""
    ended = last_ended(day)
    rows = reporting[
        (reporting["year"] * 4 + reporting["quarter"]) <= ended.year * 4 + ended.quarter
    ].sort_values(["year", "quarter"])
    if rows.empty:
        latest = reporting.sort_values(["year", "quarter"]).tail(1)
        if latest.empty:
            return DefaultPeriod(ended, "empty")
        row = latest.iloc[0]
        return DefaultPeriod(Period(int(row["year"]), int(row["quarter"])), "latest")
    enough = rows[rows["partners_reported"] >= min_share * rows["partners_total"]]
    chosen, reason = (enough, "complete") if len(enough) else (rows, "latest")
    row = chosen.iloc[-1]
    return DefaultPeriod(Period(int(row["year"]), int(row["quarter"])), reason)


def data_date(reporting, period: Period) -> date | None:
    """The last day of the newest quarter up to `period` whose figures are counted: the date
    the figures of `period` are current to."""
    rows = reporting[
        (reporting["year"] * 4 + reporting["quarter"]) <= period.year * 4 + period.quarter
    ]
    if rows.empty:
        return None
    row = rows.sort_values(["year", "quarter"]).iloc[-1]
    return fmt.quarter_end(int(row["year"]), int(row["quarter"]))
