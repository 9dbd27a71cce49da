"""The declarative base and the naming of constraints shared by every model."""

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

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
