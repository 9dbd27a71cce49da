"""Reminders by e-mail: each reminder recorded once under its key, and one mail per
recipient with its sending state (the log admins read)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base

MAIL_STATUSES = ("pending", "sending", "sent", "failed", "gave_up")


class ReminderLog(Base):
    """A reminder that was due and recorded (core.mail.reminders): its key is unique, so two runs
    at once, or a run repeated, record it once and send it once."""

    __tablename__ = "reminder"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class MailOut(Base):
    """One mail of a reminder to one address. `status`: pending (not tried yet), sending (a
    run holds it), sent, failed (tried again from `next_try_at`), gave_up (after the last
    attempt). `error` keeps the last failure in the server's words."""

    __tablename__ = "mail_out"
    __table_args__ = (
        UniqueConstraint("reminder_id", "recipient"),
        CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'gave_up')", name="status"
        ),
        Index("ix_mail_out_status_next_try_at", "status", "next_try_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id"))
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    next_try_at: Mapped[datetime] = mapped_column(DateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    error: Mapped[str] = mapped_column(Text, default="")
