"""Demo quarterly reports for 2024 and 2025 (all illustrative): every quarter reported and
approved, except that most TW IV 2025 reports still wait for the verifier; weaker partners
report late more often. Only approved and submitted reports, so the demo figures count in full."""

from __future__ import annotations

import random
from datetime import date, timedelta

from core.figures.periods import Period

SEED = 20260403
DUE_DAYS = 15  # as config/pelaporan.toml


def build(partners) -> list[dict]:
    rng = random.Random(SEED)
    rows = []
    for p, profile in partners:
        for year in (2024, 2025):
            for quarter in (1, 2, 3, 4):
                due = Period(year, quarter).end + timedelta(days=DUE_DAYS)
                late = rng.random() < 0.45 * (1 - profile.performance)
                shift = rng.randint(3, 30) if late else -rng.randint(0, 12)
                submitted = due + timedelta(days=shift)
                waiting = year == 2025 and quarter == 4 and rng.random() < 0.55
                decided = submitted + timedelta(days=rng.randint(5, 20))
                rows.append(
                    {
                        "partner_code": p["code"],
                        "year": year,
                        "quarter": quarter,
                        "status": "submitted" if waiting else "approved",
                        "submitted_on": submitted.isoformat(),
                        "decided_on": ""
                        if waiting
                        else min(decided, date(2026, 2, 27)).isoformat(),
                    }
                )
    return rows
