"""Migrations build exactly the schema of the models, and loading the demo data is idempotent."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from data_access.db import get_engine
from data_access.models import Base
from data_access.setup import ensure_database, load_demo


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
    assert version == "0006"


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
