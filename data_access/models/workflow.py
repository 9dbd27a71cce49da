"""Self-assessments, follow-up plans, quarterly reports and confirmed figure checks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base

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


class ImportMapping(Base):
    """The columns an import of one kind took from a file (field → the file's column name),
    remembered for the partner whose rows it held, or for the agency's files of several
    partners (scope "badan"), so that the next file of the same layout is mapped alike."""

    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("scope", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))  # "mitra:<partner id>" or "badan"
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    columns: Mapped[str] = mapped_column(Text)  # JSON: field → column name
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(60))


class Notification(Base):
    """Something that happened to an account's work, shown in the app until read: a report
    returned (with the verifier's note) or approved, for the partner's operators; a report
    sent, for the verifiers. Texts are built when shown, in the reader's language."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_id_read_at", "user_id", "read_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[str] = mapped_column(String(30))  # report_ + returned | approved | submitted
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quarter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    read_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Comment(Base):
    """A comment on a partner's figures for a period (DHIS2's interpretations): a thread's
    first comment has no parent, its replies point at it. Plain text; seen by whoever may
    see the partner's data. Staff may choose one for the briefing."""

    __tablename__ = "comment"
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter"),
        Index("ix_comment_partner_id", "partner_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"), nullable=True)
    author: Mapped[str] = mapped_column(String(60))
    author_role: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    for_briefing: Mapped[bool] = mapped_column(Boolean, server_default=false())
