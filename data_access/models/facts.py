"""Reported figures (budgets, cohorts, socialization events, yearly outcomes) and the tables
derived from them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base

# The layer of a fact row (see data_access.store.visibility): the agency's own data and approved
# reports are published; the version of a partner's report that is open or under review is
# pending, beside the published one it will replace when approved.
PUBLISHED, PENDING = 0, 1


def _layer() -> Mapped[int]:
    return mapped_column(SmallInteger, default=PUBLISHED, server_default="0")


class TrainingBudget(Base):
    """Budget for CPMI training per partner, year, quarter and source of funds.

    `pagu_rp` is the annual ceiling in force in that quarter (a mid-year revision can cut it);
    `realisasi_rp` is what was spent during that quarter alone.
    """

    __tablename__ = "training_budget"
    __table_args__ = (
        UniqueConstraint("partner_id", "year", "quarter", "fund_source", "layer"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter"),
        CheckConstraint("pagu_rp >= 0 AND realisasi_rp >= 0", name="money"),
        Index("ix_training_budget_year_quarter", "year", "quarter"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    fund_source: Mapped[str] = mapped_column(String(20))
    pagu_rp: Mapped[int] = mapped_column(BigInteger)
    realisasi_rp: Mapped[int] = mapped_column(BigInteger)
    target_trainees: Mapped[int] = mapped_column(Integer)
    layer: Mapped[int] = _layer()


class TrainingCohort(Base):
    __tablename__ = "training_cohort"
    __table_args__ = (
        UniqueConstraint("partner_id", "year", "quarter", "programme", "layer"),
        CheckConstraint("graduated <= registered AND certified <= graduated", name="funnel"),
        Index("ix_training_cohort_year_quarter", "year", "quarter"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    programme: Mapped[str] = mapped_column(String(120))
    destination: Mapped[str] = mapped_column(String(40))
    sector: Mapped[str] = mapped_column(String(40))
    registered: Mapped[int] = mapped_column(Integer)
    graduated: Mapped[int] = mapped_column(Integer)
    certified: Mapped[int] = mapped_column(Integer)
    placed: Mapped[int] = mapped_column(Integer)
    cost_rp: Mapped[int] = mapped_column(BigInteger)
    layer: Mapped[int] = _layer()


class SocializationEvent(Base):
    __tablename__ = "socialization_event"
    __table_args__ = (
        # The natural key: two overlapping imports give the union, once.
        UniqueConstraint("partner_id", "village_id", "held_on", "topic", "layer"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter"),
        Index("ix_socialization_partner_year_quarter", "partner_id", "year", "quarter"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(40))
    participants_male: Mapped[int] = mapped_column(Integer)
    participants_female: Mapped[int] = mapped_column(Integer)
    organiser: Mapped[str] = mapped_column(String(80))
    layer: Mapped[int] = _layer()


class SocializationTotal(Base):
    """Socialization a partner counts per quarter instead of per event: how many events,
    participants by sex, and villages reached (`villages`, as the partner counts them; the
    ones it names by code are in SocializationTotalVillage). A quarter with events counts
    its events, never these totals as well (data_access.figures.summaries)."""

    __tablename__ = "socialization_total"
    __table_args__ = (
        UniqueConstraint("partner_id", "year", "quarter", "layer"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter"),
        CheckConstraint(
            "events >= 0 AND participants_male >= 0 AND participants_female >= 0 AND villages >= 0",
            name="positive",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    events: Mapped[int] = mapped_column(Integer)
    participants_male: Mapped[int] = mapped_column(Integer)
    participants_female: Mapped[int] = mapped_column(Integer)
    villages: Mapped[int] = mapped_column(Integer)
    # The villages named by code, as village ids in ascending order joined by commas (what
    # an import compares to tell a changed row); the rows themselves are in the table below.
    village_list: Mapped[str] = mapped_column(Text, default="", server_default="")
    layer: Mapped[int] = _layer()


class SocializationTotalVillage(Base):
    """A village a quarter's socialization totals name by its code."""

    __tablename__ = "socialization_total_village"
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"), primary_key=True)
    layer: Mapped[int] = mapped_column(SmallInteger, primary_key=True, server_default="0")


class PartnerOutcome(Base):
    """A partner's yearly figures. The last three (socialization participants, trainees,
    training spending) are what the partner publishes for the whole year (open data) without
    the quarterly split; NULL when it published none. They are shown beside the sums of the
    quarterly figures and never added to them."""

    __tablename__ = "partner_outcome"
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    placements: Mapped[int] = mapped_column(Integer)
    complaints: Mapped[int] = mapped_column(Integer)
    nonprocedural_prevented: Mapped[int] = mapped_column(Integer)
    returns_facilitated: Mapped[int] = mapped_column(Integer)
    socialization_participants: Mapped[int | None] = mapped_column(Integer, nullable=True)
    trainees: Mapped[int | None] = mapped_column(Integer, nullable=True)
    budget_spent_rp: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    layer: Mapped[int] = mapped_column(
        SmallInteger, primary_key=True, default=PUBLISHED, server_default="0"
    )


# Derived tables: socialization aggregated once at write time, so that coverage over half a
# million events is read from a few thousand rows. Rebuilt by data_access.figures.summaries.refresh.


class SocializationQuarter(Base):
    """Events and participants per partner, year, quarter, topic and layer (both layers are
    kept, so reads choose the version they count as they do on the events)."""

    __tablename__ = "socialization_quarter"
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), primary_key=True)
    layer: Mapped[int] = mapped_column(SmallInteger, primary_key=True, server_default="0")
    events: Mapped[int] = mapped_column(Integer)
    participants_male: Mapped[int] = mapped_column(Integer)
    participants_female: Mapped[int] = mapped_column(Integer)


class VillageReach(Base):
    """A village reached by a partner in a year, with the first quarter it was reached then."""

    __tablename__ = "village_reach"
    __table_args__ = (
        Index("ix_village_reach_year_quarter", "year", "first_quarter", "partner_id"),
    )
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_quarter: Mapped[int] = mapped_column(Integer)


class VillageFirstReach(Base):
    """The quarter a partner first reached a village (period = year * 4 + quarter)."""

    __tablename__ = "village_first_reach"
    __table_args__ = (Index("ix_village_first_reach_period", "first_period", "partner_id"),)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"), primary_key=True)
    first_period: Mapped[int] = mapped_column(Integer)
    pmi_count: Mapped[int] = mapped_column(Integer)
