"""Create, migrate and (when empty) fill the database with the demo data."""

from __future__ import annotations

import os
import threading

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from data_access.demo.demo import demo_staff_accounts, load_demo
from data_access.store.db import PROJECT_ROOT, get_engine

__all__ = ["migrate", "ensure_database", "demo_data_wanted", "load_demo", "demo_staff_accounts"]
# Alembic keeps the running migration in module-level state: one at a time per process.
_MIGRATING = threading.Lock()


def migrate(engine: Engine | None = None) -> None:
    """Bring the schema to the newest migration."""
    engine = engine or get_engine()
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    with _MIGRATING, engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def demo_data_wanted() -> bool:
    """Whether an empty database gets the demo data (`LOAD_DEMO_DATA=false` in production)."""
    return os.environ.get("LOAD_DEMO_DATA", "true").strip().lower() not in ("0", "false", "no")


def ensure_database(engine: Engine | None = None) -> None:
    """Migrate the configured database and, if it holds no partners, load the demo data."""
    engine = engine or get_engine()
    migrate(engine)
    if demo_data_wanted():
        load_demo(engine)
