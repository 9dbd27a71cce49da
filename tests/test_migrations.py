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
    assert version == "0002"
