"""The national-scale data set: big enough, deterministic, and loadable into any database."""

import hashlib
import json

import pytest
import sqlalchemy as sa

from data_access.figures import socialization
from data_access.store.db import get_engine
from seed_data import national
from tests.viewers import STAFF


@pytest.fixture(scope="module")
def tables():
    return national.build()


def _digest(rows) -> str:
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def test_national_set_has_the_promised_size(tables):
    assert len(tables["partner"]) == 514
    assert 80_000 <= len(tables["village"]) <= 90_000
    assert len(tables["socialization_event"]) >= 500_000
    assert sum(c["registered"] for c in tables["training_cohort"]) >= 1_000_000
    years = {b["year"] for b in tables["training_budget"]}
    assert years == {2021, 2022, 2023, 2024, 2025}
    assert len({p["code"] for p in tables["partner"]}) == 514
    assert all(len(v["code"]) == 13 for v in tables["village"])


def test_national_set_is_deterministic(tables):
    again = national.build()
    for name in ("partner", "village", "training_cohort", "socialization_event"):
        assert _digest(tables[name][:5000]) == _digest(again[name][:5000]), name
        assert len(tables[name]) == len(again[name])


def test_national_set_loads_and_reads(empty_database_url, tables):
    small = {name: rows for name, rows in tables.items()}
    keep = {p["id"] for p in tables["partner"][:20]}
    for name in small:
        if name == "region":
            small[name] = [r for r in tables[name] if r["id"] in keep]
        elif name in ("partner", "mou"):
            small[name] = [r for r in tables[name] if r["id"] in keep]
        elif name == "village":
            small[name] = [r for r in tables[name] if r["region_id"] in keep]
        elif name in ("mou_scope", "pks"):
            small[name] = [r for r in tables[name] if r["mou_id"] in keep]
        else:
            small[name] = [r for r in tables[name] if r["partner_id"] in keep]
    national.load(get_engine(), small)
    with get_engine().connect() as conn:
        events = conn.execute(sa.text("SELECT COUNT(*) FROM socialization_event")).scalar_one()
    assert events == len(small["socialization_event"])
    coverage = socialization.coverage_by_partner(viewer=STAFF, year=2025, quarter=4)
    assert len(coverage) == 20
    assert (coverage["reached_cumulative"] <= coverage["villages_total"]).all()
    assert coverage["events"].sum() == sum(
        1 for e in small["socialization_event"] if e["year"] == 2025
    )
