"""The demo data set: the illustrative CSVs of seed_data/ loaded into an empty database, with
one demo account per role and partner."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, insert, inspect, select

from core.imports.import_files import read_table
from core.registry.reference_areas import check_areas
from data_access import models as m
from data_access.accounts import accounts as accounts_module
from data_access.demo import demo_assessments
from data_access.demo import demo_records as records
from data_access.demo.demo_records import demo_username, read_csv
from data_access.figures import summaries
from data_access.registry.reference_areas import VERSION_KEY, _insert_areas
from data_access.store.db import PROJECT_ROOT, get_engine

DEMO_CSV_DIR = PROJECT_ROOT / "seed_data" / "csv"
SAMPLE = PROJECT_ROOT / "seed_data" / "reference" / "wilayah_contoh.csv"


def load_demo(engine: Engine | None = None, folder: Path = DEMO_CSV_DIR) -> bool:
    """Load the demo CSVs into an empty database in one transaction; False if data exists."""
    engine = engine or get_engine()
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(m.Partner)).scalar_one():
            return False
        conn.execute(insert(m.DatasetInfo), read_csv("dataset_info", folder))
        regions = read_csv("regions", folder)
        conn.execute(
            insert(m.Region),
            [
                {
                    **r,
                    "desa_count": int(r["desa_count"]),
                    "kelurahan_count": int(r["kelurahan_count"]),
                    "lat": float(r["lat"]),
                    "lon": float(r["lon"]),
                }
                for r in regions
            ],
        )
        region_id = dict(conn.execute(select(m.Region.kemendagri_code, m.Region.id)).all())
        partners = read_csv("partners", folder)
        conn.execute(
            insert(m.Partner),
            [
                {
                    "code": p["code"],
                    "name": p["name"],
                    "short_name": p["short_name"],
                    "partner_type": p["partner_type"],
                    "region_id": region_id[p["region_code"]],
                    "lat": float(p["lat"]),
                    "lon": float(p["lon"]),
                }
                for p in partners
            ],
        )
        partner_id = dict(conn.execute(select(m.Partner.code, m.Partner.id)).all())
        records.load_mous(conn, folder, partner_id)
        records.load_facts(conn, folder, partner_id, region_id)
        demo_assessments.load_assessments(conn, folder, partner_id)
        records.load_submissions(conn, folder, partner_id)
        records.pend_open_reports(conn)
        # A schema from before quarter totals (the migration tests build one) has events alone.
        summaries.refresh(conn, totals=inspect(conn).has_table("socialization_total"))
        _demo_areas(conn)
        _demo_accounts(conn, [(p["code"], p["short_name"]) for p in partners])
    return True


DEMO_AREA_VERSION = "Data contoh (seed_data/reference/wilayah_contoh.csv)"


def _demo_areas(conn) -> None:
    """The sample area list, as if an admin had loaded it: the registry's forms work on the
    demo partners' regions. (A schema from before the area list, as the migration tests
    build, gets the rest of the demo without it.)"""
    if not inspect(conn).has_table("area"):
        return
    checked = check_areas(*read_table(SAMPLE.name, SAMPLE.read_bytes()), loaded={})
    _insert_areas(conn, checked.areas, DEMO_AREA_VERSION)
    conn.execute(insert(m.DatasetInfo).values(key=VERSION_KEY, value=DEMO_AREA_VERSION))


DEMO_STAFF = (
    ("pimpinan", "Pimpinan (akun contoh)", "pimpinan"),
    ("admin", "Admin (akun contoh)", "admin"),
    ("verifikator", "Verifikator (akun contoh)", "verifikator"),
)


def demo_staff_accounts(conn) -> None:
    """The demo accounts of leadership, admin and verifier alone (for synthetic data sets)."""
    _demo_accounts(conn, [])


def _demo_accounts(conn, partners: list[tuple[str, str]]) -> None:
    """One demo account per role and one per partner (code, short name), named after the
    partner; password `contoh-<username>`."""
    accounts = [(u, name, role, None) for u, name, role in DEMO_STAFF] + [
        (demo_username(code), f"Operator {short_name} (akun contoh)", "mitra", code)
        for code, short_name in partners
    ]
    for username, full_name, role, code in accounts:
        accounts_module.create_user(
            conn,
            actor=accounts_module.SYSTEM,
            username=username,
            full_name=full_name,
            role=role,
            password=f"contoh-{username}",
            partner_code=code,
            is_demo=True,
        )
