"""ORM models: the schema of the monitoring database (changed only through migrations)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

PARTNER_TYPES = ("pemda", "lembaga_pendidikan")


# Named constraints let later migrations alter tables on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DatasetInfo(Base):
    """Key/value facts about the loaded data: whether it is demo data, the date it is as of."""

    __tablename__ = "dataset_info"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Region(Base):
    __tablename__ = "region"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kemendagri_code: Mapped[str] = mapped_column(String(8), unique=True)
    bps_code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(12))  # kabupaten | kota | provinsi
    desa_count: Mapped[int] = mapped_column(Integer)
    kelurahan_count: Mapped[int] = mapped_column(Integer)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


class Partner(Base):
    __tablename__ = "partner"
    __table_args__ = (
        CheckConstraint("partner_type IN ('pemda', 'lembaga_pendidikan')", name="type"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    short_name: Mapped[str] = mapped_column(String(60))
    partner_type: Mapped[str] = mapped_column(String(20), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


class Mou(Base):
    __tablename__ = "mou"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    signed_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    renewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("mou.id"), nullable=True)


class MouScope(Base):
    __tablename__ = "mou_scope"
    mou_id: Mapped[int] = mapped_column(ForeignKey("mou.id"), primary_key=True)
    scope_code: Mapped[str] = mapped_column(String(30), primary_key=True)


class Pks(Base):
    """An implementing agreement (perjanjian kerja sama) under an MoU."""

    __tablename__ = "pks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mou_id: Mapped[int] = mapped_column(ForeignKey("mou.id"), index=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    scope_code: Mapped[str] = mapped_column(String(30))
    signed_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)


class Deliverable(Base):
    """A follow-through item of an MoU: regulation, budget line, LTSA, training, villages."""

    __tablename__ = "deliverable"
    __table_args__ = (
        UniqueConstraint("partner_id", "scope_code", "kind"),
        CheckConstraint("status IN ('selesai', 'proses', 'belum')", name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    scope_code: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10))
    due_on: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence_note: Mapped[str] = mapped_column(Text, default="")


class TrainingBudget(Base):
    """Budget for CPMI training per partner, year, quarter and source of funds.

    `pagu_rp` is the annual ceiling in force in that quarter (a mid-year revision can cut it);
    `realisasi_rp` is what was spent during that quarter alone.
    """

    __tablename__ = "training_budget"
    __table_args__ = (
        UniqueConstraint("partner_id", "year", "quarter", "fund_source"),
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


class TrainingCohort(Base):
    __tablename__ = "training_cohort"
    __table_args__ = (
        UniqueConstraint("partner_id", "year", "quarter", "programme"),
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


class Village(Base):
    __tablename__ = "village"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(13), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))  # desa | kelurahan
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    pmi_count: Mapped[int] = mapped_column(Integer)


class SocializationEvent(Base):
    __tablename__ = "socialization_event"
    __table_args__ = (
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


class PartnerOutcome(Base):
    __tablename__ = "partner_outcome"
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    placements: Mapped[int] = mapped_column(Integer)
    complaints: Mapped[int] = mapped_column(Integer)
    nonprocedural_prevented: Mapped[int] = mapped_column(Integer)
    returns_facilitated: Mapped[int] = mapped_column(Integer)


# Derived tables: socialization aggregated once at write time, so that coverage over half a
# million events is read from a few thousand rows. Rebuilt by data_access.summaries.refresh.


class SocializationQuarter(Base):
    """Events and participants per partner, year, quarter and topic."""

    __tablename__ = "socialization_quarter"
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), primary_key=True)
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


ROLES = ("pimpinan", "admin", "verifikator", "mitra")


class User(Base):
    """A local account. A `mitra` account is bound to exactly one partner."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role IN ('pimpinan', 'admin', 'verifikator', 'mitra')", name="role"),
        CheckConstraint("(role = 'mitra') = (partner_id IS NOT NULL)", name="partner"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AuditLog(Base):
    """Who changed what, when: written in the same transaction as the change itself."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(60), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(60))
    old_values: Mapped[str] = mapped_column(Text, default="{}")
    new_values: Mapped[str] = mapped_column(Text, default="{}")


ASSESSMENT_STATUSES = ("draft", "submitted", "returned", "approved")
REVIEWS = ("pending", "accepted", "adjusted")
PLAN_STATUSES = ("rencana", "berjalan", "selesai", "batal")


class Assessment(Base):
    """A partner's self-assessment for one year; `version` grows with every save, so that a
    save based on an older version is refused instead of overwriting someone else's work."""

    __tablename__ = "assessment"
    __table_args__ = (
        UniqueConstraint("partner_id", "year"),
        CheckConstraint("status IN ('draft', 'submitted', 'returned', 'approved')", name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    instrument_version: Mapped[str] = mapped_column(String(30))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(60))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")


class AssessmentItem(Base):
    """One indicator of an assessment: the partner's level and evidence, the verifier's."""

    __tablename__ = "assessment_item"
    __table_args__ = (
        UniqueConstraint("assessment_id", "indicator_code"),
        CheckConstraint("self_level BETWEEN 0 AND 4", name="self_level"),
        CheckConstraint("verified_level BETWEEN 0 AND 4", name="verified_level"),
        CheckConstraint("review IN ('pending', 'accepted', 'adjusted')", name="review"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    indicator_code: Mapped[str] = mapped_column(String(30))
    self_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    evidence_text: Mapped[str] = mapped_column(Text, default="")
    evidence_link: Mapped[str] = mapped_column(String(500), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    verified_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    review: Mapped[str] = mapped_column(String(20), default="pending")
    verifier_note: Mapped[str] = mapped_column(Text, default="")


class AssessmentEvent(Base):
    """History of an assessment: every change of status, with who, when and the note."""

    __tablename__ = "assessment_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class FollowUpPlan(Base):
    """Rencana tindak lanjut: what a partner will do about a weak indicator, by whom, by when."""

    __tablename__ = "followup_plan"
    __table_args__ = (
        CheckConstraint("status IN ('rencana', 'berjalan', 'selesai', 'batal')", name="status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    indicator_code: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(60))


SUBMISSION_STATUSES = ("draft", "submitted", "returned", "approved")


class Submission(Base):
    """A partner's report for one quarter: its budget, cohorts and events of that quarter
    (and in TW IV its yearly outcomes). A partner-quarter without a submission holds data the
    agency entered itself (demo data, admin imports), which counts as approved."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("partner_id", "year", "quarter"),
        CheckConstraint("status IN ('draft', 'submitted', 'returned', 'approved')", name="status"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(60))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class SubmissionEvent(Base):
    """History of a submission: every change of status, with who, when and why."""

    __tablename__ = "submission_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class FigureCheck(Base):
    """A verifier's confirmation that a flagged figure (far from the partner's own history)
    is right, so that it is not flagged as unchecked again."""

    __tablename__ = "figure_check"
    __table_args__ = (UniqueConstraint("partner_id", "year", "quarter", "measure"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(30))
    value: Mapped[int] = mapped_column(BigInteger)
    confirmed_by: Mapped[str] = mapped_column(String(60))
    confirmed_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
