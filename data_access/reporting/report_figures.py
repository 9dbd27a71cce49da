"""The figures inside one partner's quarterly report: its rows per kind, and its totals beside
the partner's other quarters, for the operator before sending and the verifier deciding."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access import models as m
from data_access.figures.summaries import without_events
from data_access.store.access import guarded
from data_access.store.db import get_engine
from data_access.store.query import frame
from data_access.store.visibility import current_version, visible

B, C, E, Out = m.TrainingBudget, m.TrainingCohort, m.SocializationEvent, m.PartnerOutcome
T, TV = m.SocializationTotal, m.SocializationTotalVillage

# A quarter can hold thousands of socialization events; the page lists this many (the totals
# always count them all).
EVENT_LIMIT = 1000

BUDGET = ["fund_source", "pagu_rp", "realisasi_rp", "target_trainees"]
TRAINING = ["programme", "destination", "sector", "registered", "graduated", "certified",
            "placed", "cost_rp"]  # fmt: skip
SOCIALIZATION = ["held_on", "village_code", "village", "topic", "participants_male",
                 "participants_female", "organiser"]  # fmt: skip
OUTCOME = ["placements", "complaints", "nonprocedural_prevented", "returns_facilitated",
           "socialization_participants", "trainees", "budget_spent_rp"]  # fmt: skip
COUNTED = ["events", "participants_male", "participants_female", "villages", "villages_listed"]


def _mine(table, partner_id: int, year: int, quarter: int) -> tuple:
    return (
        table.partner_id == partner_id,
        table.year == year,
        table.quarter == quarter,
        current_version(table),
    )


@guarded("own")
def report_rows(*, partner_id: int, year: int, quarter: int) -> dict[str, pd.DataFrame]:
    """The rows one quarter's report holds now (its pending version while it is open or under
    review, else the published rows), per kind.

    Keys and columns: 'budget': fund_source: str; pagu_rp, realisasi_rp (in the quarter),
    target_trainees: int. 'training': programme, destination, sector: str; registered,
    graduated, certified, placed, cost_rp: int. 'socialization' (the first EVENT_LIMIT events
    by date): held_on: date; village_code, village, topic: str; participants_male,
    participants_female: int; organiser: str. 'socialization_totals' (the quarter counted as
    totals, one row or none): events, participants_male, participants_female, villages (as
    counted), villages_listed (named by code): int. 'outcome' (TW IV only, else empty):
    placements, complaints, nonprocedural_prevented, returns_facilitated: int;
    socialization_participants, trainees, budget_spent_rp: the year's figures as published
    (None if not).
    """
    budget = select(*[getattr(B, c) for c in BUDGET]).where(*_mine(B, partner_id, year, quarter))
    training = select(*[getattr(C, c) for c in TRAINING]).where(
        *_mine(C, partner_id, year, quarter)
    )
    events = (
        select(
            E.held_on,
            m.Village.code,
            m.Village.name,
            E.topic,
            E.participants_male,
            E.participants_female,
            E.organiser,
        )
        .join(m.Village, m.Village.id == E.village_id)
        .where(*_mine(E, partner_id, year, quarter))
        .order_by(E.held_on, m.Village.code, E.topic)
        .limit(EVENT_LIMIT)
    )
    listed = (
        select(func.count())
        .where(TV.partner_id == T.partner_id, TV.year == T.year, TV.quarter == T.quarter)
        .where(TV.layer == T.layer)
        .scalar_subquery()
    )
    counted = select(
        T.events, T.participants_male, T.participants_female, T.villages, listed
    ).where(*_mine(T, partner_id, year, quarter))
    outcome = select(*[getattr(Out, c) for c in OUTCOME]).where(
        Out.partner_id == partner_id, Out.year == year, current_version(Out, quarter=4)
    )
    return {
        "budget": frame(budget.order_by(B.fund_source), BUDGET),
        "training": frame(training.order_by(C.programme), TRAINING),
        "socialization": frame(events, SOCIALIZATION),
        "socialization_totals": frame(counted, COUNTED),
        # The yearly outcomes are reported with TW IV.
        "outcome": frame(outcome, OUTCOME) if quarter == 4 else pd.DataFrame(columns=OUTCOME),
    }


TOTALS = ["year", "quarter", "budget_rows", "pagu_rp", "realisasi_rp", "cohorts", "registered",
          "graduated", "events", "participants", "villages"]  # fmt: skip


@guarded("own")
def report_totals(*, partner_id: int, year: int, quarter: int) -> pd.DataFrame:
    """Totals per quarter of one partner over `year` and the year before: the report's own
    quarter as it holds now (see report_rows), every other quarter as it counts on the pages
    by default (approved figures, and submitted ones).

    Columns: year, quarter: int; budget_rows, pagu_rp (the ceiling in force that quarter,
    summed over sources), realisasi_rp (spent in the quarter), cohorts, registered,
    graduated, events, participants, villages (distinct villages with an event in the
    quarter; for a quarter counted as totals, the events, participants and villages it
    counts): int. A quarter without any row is absent.
    """

    def counted(table):
        own = (table.year == year) & (table.quarter == quarter)
        return (
            table.partner_id == partner_id,
            table.year.in_([year - 1, year]),
            (own & current_version(table)) | (~own & visible(table)),
        )

    money, people, reach, totals = _totals_statements(counted)
    with get_engine().connect() as conn:
        parts = [
            pd.DataFrame(conn.execute(stmt).all(), columns=["year", "quarter", *names])
            for stmt, names in (
                (money, ["budget_rows", "pagu_rp", "realisasi_rp"]),
                (people, ["cohorts", "registered", "graduated"]),
                (reach, ["events", "participants", "villages"]),
            )
        ]
        counted_rows = pd.DataFrame(
            conn.execute(totals).all(),
            columns=["year", "quarter", "events", "participants", "villages"],
        )
    # A quarter holds events or is counted as totals (events win; see summaries.refresh).
    found = [part for part in (parts[2], counted_rows) if len(part)]
    if found:
        parts[2] = pd.concat(found)
    out = parts[0]
    for part in parts[1:]:
        out = out.merge(part, on=["year", "quarter"], how="outer")
    # Exact integers on every database (PostgreSQL sums to Decimal); a kind absent is 0.
    out = out.reindex(columns=TOTALS).map(lambda v: 0 if pd.isna(v) else int(v))
    return out.astype("int64").sort_values(["year", "quarter"]).reset_index(drop=True)


def _totals_statements(counted):
    """The statements of report_totals: budget, cohorts and events per quarter, and the
    quarters counted as totals; `counted(table)` gives a table's conditions."""
    money = (
        select(B.year, B.quarter, func.count(), func.sum(B.pagu_rp), func.sum(B.realisasi_rp))
        .where(*counted(B))
        .group_by(B.year, B.quarter)
    )
    people = (
        select(C.year, C.quarter, func.count(), func.sum(C.registered), func.sum(C.graduated))
        .where(*counted(C))
        .group_by(C.year, C.quarter)
    )
    reach = (
        select(
            E.year,
            E.quarter,
            func.count(),
            func.sum(E.participants_male + E.participants_female),
            func.count(func.distinct(E.village_id)),
        )
        .where(*counted(E))
        .group_by(E.year, E.quarter)
    )
    totals = select(
        T.year, T.quarter, T.events, T.participants_male + T.participants_female, T.villages
    ).where(*counted(T), without_events(T))
    return money, people, reach, totals
