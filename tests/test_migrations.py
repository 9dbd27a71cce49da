"""Migrations build exactly the schema of the models, and loading the demo data is idempotent."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from data_access.models import Base
from data_access.store.db import get_engine
from data_access.store.setup import ensure_database, load_demo


def test_migrations_match_models(empty_database_url):
    engine = get_engine()
    ensure_database(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_first_start_creates_and_fills_then_leaves_data_alone(empty_database_url):
    engine = get_engine()
    ensure_database(engine)
    with engine.connect() as conn:
        count = conn.execute(sa.text("SELECT COUNT(*) FROM socialization_event")).scalar_one()
    assert count > 5000
    assert load_demo(engine) is False
    ensure_database(engine)
    with engine.connect() as conn:
        again = conn.execute(sa.text("SELECT COUNT(*) FROM socialization_event")).scalar_one()
    assert again == count


def test_migrations_run_on_the_test_database(database_url):
    with get_engine().connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    assert version == "0024"


def test_production_start_leaves_an_empty_database_empty(empty_database_url, monkeypatch):
    monkeypatch.setenv("LOAD_DEMO_DATA", "false")
    engine = get_engine()
    ensure_database(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM partner")).scalar_one() == 0


def test_app_on_an_empty_database_says_so(empty_database_url, monkeypatch):
    from tests.apptest import PAGES, open_page, start

    monkeypatch.setenv("LOAD_DEMO_DATA", "false")
    at = start()
    for page in PAGES:
        at = open_page(at, page)
        assert not at.exception, (page, [e.value for e in at.exception])


def test_duplicate_events_are_merged_by_the_migration(empty_database_url, capsys):
    """A database from before events were unique: its duplicates become one event with the
    participants of both, and the migration says how many it merged."""
    from alembic import command
    from alembic.config import Config

    from data_access.store.db import PROJECT_ROOT

    engine = get_engine()
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
    load_demo(engine)
    with engine.begin() as conn:
        first = (
            conn.execute(sa.text("SELECT * FROM socialization_event ORDER BY id LIMIT 1"))
            .mappings()
            .one()
        )
        copy = {k: v for k, v in first.items() if k != "id"}
        columns = ", ".join(copy)
        conn.execute(
            sa.text(
                f"INSERT INTO socialization_event ({columns}) VALUES "  # noqa: S608
                f"({', '.join(':' + c for c in copy)})"
            ),
            copy,
        )
        before = conn.execute(sa.text("SELECT COUNT(*) FROM socialization_event")).scalar_one()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert "1 duplicate rows merged" in capsys.readouterr().out
    with engine.connect() as conn:
        after = conn.execute(sa.text("SELECT COUNT(*) FROM socialization_event")).scalar_one()
        merged = conn.execute(
            sa.text("SELECT participants_male FROM socialization_event WHERE id = :id"),
            {"id": first["id"]},
        ).scalar_one()
    assert after == before - 1
    assert merged == 2 * first["participants_male"]
