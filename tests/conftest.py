"""Every test gets its own database, copied from one demo database built per session."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access.accounts.login import forget_clients
from data_access.store.db import dispose_engines
from data_access.store.setup import ensure_database

# Set TEST_DATABASE_URL to a PostgreSQL server URL (its database is only used to connect)
# to run the whole suite against PostgreSQL; otherwise every test gets a SQLite file.
SERVER_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def create_pg_database(prefix: str, template: str | None = None) -> tuple[str, str]:
    """A new database on the PostgreSQL server: (its name, its URL)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    clause = f' TEMPLATE "{template}"' if template else ""
    admin = sa.create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{clause}'))
    admin.dispose()
    return name, sa.make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(name: str) -> None:
    admin = sa.create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def clear_streamlit_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> str:
    """Build the demo database once: a SQLite file, or a PostgreSQL template database."""
    if SERVER_URL:
        name, url = create_pg_database("demo_template")
        engine = sa.create_engine(url)
        ensure_database(engine)
        engine.dispose()
        yield name
        drop_pg_database(name)
        return
    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    engine = sa.create_engine(f"sqlite:///{path}")
    ensure_database(engine)
    engine.dispose()
    yield str(path)


@pytest.fixture
def database_url(demo_template, tmp_path, monkeypatch) -> str:
    """A fresh copy of the demo database for this test, set as DATABASE_URL."""
    if SERVER_URL:
        name, url = create_pg_database("t", template=demo_template)
    else:
        path = tmp_path / "demo.sqlite3"
        shutil.copy(demo_template, path)
        url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_TODAY", "2026-11-27")
    dispose_engines()
    clear_streamlit_caches()
    forget_clients()
    yield url
    dispose_engines()
    clear_streamlit_caches()
    if SERVER_URL:
        drop_pg_database(name)


@pytest.fixture
def empty_database_url(tmp_path, monkeypatch) -> str:
    """An empty database (nothing migrated, nothing loaded) as DATABASE_URL."""
    if SERVER_URL:
        name, url = create_pg_database("e")
    else:
        url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    dispose_engines()
    clear_streamlit_caches()
    yield url
    dispose_engines()
    clear_streamlit_caches()
    if SERVER_URL:
        drop_pg_database(name)


@pytest.fixture
def no_demo_database(empty_database_url, monkeypatch) -> str:
    """An empty, migrated database that stays empty (LOAD_DEMO_DATA=false), as an agency
    starts one."""
    from data_access.store.setup import migrate

    monkeypatch.setenv("LOAD_DEMO_DATA", "false")
    migrate()
    return empty_database_url


DATABASE_FIXTURES = {"database_url", "empty_database_url", "no_demo_database", "demo_template"}


def pytest_collection_modifyitems(config, items):
    """Tests marked postgresql belong to the PostgreSQL run: without TEST_DATABASE_URL they
    are deselected (not skipped, which CI counts as a failure). The PostgreSQL run leaves
    out the tests that touch no database (parsers, indicators, formats): the SQLite run
    has run them, and they would give the same answer."""
    if SERVER_URL:
        kept = [item for item in items if DATABASE_FIXTURES & set(item.fixturenames)]
    else:
        kept = [item for item in items if not item.get_closest_marker("postgresql")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def pytest_sessionfinish(session, exitstatus):
    """Under CI every database and browser test must really run: a skip fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and exitstatus == 0:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(f"CI: {skipped} test(s) skipped; under CI=true that is a failure.")


SEED_DIR = Path(__file__).resolve().parent.parent / "seed_data" / "csv"


@pytest.fixture
def reporting_window(request, monkeypatch):
    """10 April 2026, for modules where partners report TW I 2026 (the report due then); set
    after the demo database, which pins its own day."""
    if "database_url" in request.fixturenames:
        request.getfixturevalue("database_url")
        monkeypatch.setenv("DASHBOARD_TODAY", "2026-04-10")
