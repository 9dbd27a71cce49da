"""A reporting period (year to the end of a quarter) and the one before it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from core import fmt


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


def today() -> date:
    """Today's date, or `DASHBOARD_TODAY` (ISO) to pin it for demonstrations and tests."""
    pinned = os.environ.get("DASHBOARD_TODAY", "").strip()
    return date.fromisoformat(pinned) if pinned else date.today()
