"""The one place that knows where the database is and how to connect to it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "pantau_mou.sqlite3"


def database_url() -> str:
    """Return the configured URL: `DATABASE_URL`, or the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


_ENGINES: dict[str, Engine] = {}


def _engine_for(url: str) -> Engine:
    if url in _ENGINES:
        return _ENGINES[url]
    _ENGINES[url] = _create(url)
    return _ENGINES[url]


def _create(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def get_engine() -> Engine:
    """Return the engine for the configured URL (one per URL per process)."""
    return _engine_for(database_url())


@contextmanager
def writing(conn: Connection | None = None) -> Iterator[Connection]:
    """The caller's transaction when it passes one (a file that writes many records at once,
    all or nothing), else a transaction of its own."""
    if conn is not None:
        yield conn
        return
    with get_engine().begin() as own:
        yield own


def dispose_engines() -> None:
    """Close and forget every engine; tests call this when they point `DATABASE_URL` elsewhere."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


T = TypeVar("T")
# PostgreSQL's codes for a transaction that lost to another one and may simply run again:
# serialization failure, deadlock, and a unique key that a concurrent transaction took first.
RETRYABLE_CODES = {"40001", "40P01", "23505"}
ATTEMPTS = 4


class Busy(RuntimeError):
    """Concurrent writes kept colliding; nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            "Banyak pengguna menyimpan pada saat yang sama dan penyimpanan ini belum berhasil "
            "setelah beberapa kali dicoba. Tidak ada yang tersimpan; coba lagi sebentar lagi."
        )


def _retryable(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    if code in RETRYABLE_CODES:
        return True
    # SQLite: a writer waiting too long, or a key a concurrent writer stored first.
    text = str(exc.orig)
    return "database is locked" in text or "UNIQUE constraint failed" in text


def retrying(work: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """Run `work` (which opens and commits its own transaction) again when it loses to a
    concurrent transaction, a bounded number of times with a short growing pause; then raise
    Busy. Errors of any other kind pass through at once."""
    for attempt in range(attempts):
        try:
            return work()
        except DBAPIError as exc:
            if not _retryable(exc) or attempt == attempts - 1:
                if _retryable(exc):
                    raise Busy() from exc
                raise
            time.sleep(0.05 * (attempt + 1))
    raise Busy()  # not reached: the loop returns or raises
