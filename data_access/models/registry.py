"""Reference data and the partner registry: regions, villages, partners, MoUs, PKS,
follow-through items and yearly targets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base


class DatasetInfo(Base):
    """Key/value facts about the loaded data: whether it is demo data, the date it is as of."""

    __tablename__ = "dataset_info"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class DataChange(Base):
    """One row whose number goes up with every change to the figures the app caches: each
    app process compares it with the number it last saw and drops its caches when another
    process has changed the data (data_access.store.changes)."""

    __tablename__ = "data_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, nullable=False)


class Area(Base):
    """One entry of the official area list (Kemendagri code): province, kabupaten/kota,
    kecamatan or desa/kelurahan, with the decree the list comes from as `version`. A code
    the newer list no longer has is kept, `retired`, for the figures that name it."""

    __tablename__ = "area"
    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(String(13), nullable=True, index=True)
    bps_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    retired: Mapped[bool] = mapped_column(Boolean, server_default=false())
    version: Mapped[str] = mapped_column(String(120), server_default="")


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
    address: Mapped[str] = mapped_column(String(300), server_default="")
    contact_name: Mapped[str] = mapped_column(String(120), server_default="")
    contact_email: Mapped[str] = mapped_column(String(200), server_default="")
    contact_phone: Mapped[str] = mapped_column(String(40), server_default="")
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class Mou(Base):
    __tablename__ = "mou"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    signed_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    renewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("mou.id"), nullable=True)
    document_url: Mapped[str] = mapped_column(String(500), server_default="")
    version: Mapped[int] = mapped_column(Integer, server_default="1")


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
    version: Mapped[int] = mapped_column(Integer, server_default="1")


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
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class PartnerTarget(Base):
    """What a partner commits to for one year: the training budget it allocates, the
    trainees it trains and the villages its socialization reaches. Indicators measure the
    partner against it (a trainee target reported with the budget counts only without one)."""

    __tablename__ = "partner_target"
    __table_args__ = (
        UniqueConstraint("partner_id", "year"),
        CheckConstraint("budget_rp >= 0 AND trainees >= 0 AND villages >= 0", name="positive"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    budget_rp: Mapped[int] = mapped_column(BigInteger, server_default="0")
    trainees: Mapped[int] = mapped_column(Integer, server_default="0")
    villages: Mapped[int] = mapped_column(Integer, server_default="0")
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class Village(Base):
    __tablename__ = "village"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(13), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))  # desa | kelurahan
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    pmi_count: Mapped[int] = mapped_column(Integer)
