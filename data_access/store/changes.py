"""The data change counter (table data_change): every process that changes figures the app
caches counts up, and every app process reads the count at the start of a page's run, so a
change made in one process (or by a command) reaches the pages of every other process at the
next click instead of when their caches expire."""

from __future__ import annotations

from sqlalchemy import Update, select, update

from data_access import models as m
from data_access.store.db import get_engine

D = m.DataChange


def version() -> int:
    """The current count (0 before anything was counted)."""
    with get_engine().connect() as conn:
        found = conn.execute(select(D.version).where(D.id == 1)).scalar()
    return found or 0


def counted() -> Update:
    """The statement that counts one change, to run in the transaction that makes it. It adds
    to the stored number: changes counted at the same moment by several processes are all
    counted (the row is created by the migration)."""
    return update(D).where(D.id == 1).values(version=D.version + 1)


def bump() -> None:
    """Count one change made in transactions of their own."""
    with get_engine().begin() as conn:
        conn.execute(counted())
