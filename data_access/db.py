"""The one place that knows where the database is and how to connect to it."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

PROJECT_ROOT = Path(__file__).resolve().parent.parent
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


def dispose_engines() -> None:
    """Close and forget every engine; tests call this when they point `DATABASE_URL` elsewhere."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
