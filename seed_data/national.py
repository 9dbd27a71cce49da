"""A synthetic national-scale data set for load and speed checks, written into any database.

`python -m seed_data.national --database-url URL` (default: DATABASE_URL). Every regency and
city (514) is a partner, with about 84,000 villages, five years by quarter, over 500,000
socialization events and training cohorts holding over 1,000,000 trainees. Province codes and
names are real; regency names, villages and every figure are synthetic. Deterministic.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np
from sqlalchemy import Engine, create_engine, func, insert, select, text

from core.assessment.instrument import SCOPES
from core.figures.deliverables import STANDARD
from core.imports.importing import TOPICS
from data_access import models as m
from data_access.figures import summaries
from data_access.store.db import database_url
from data_access.store.setup import demo_staff_accounts, migrate
from seed_data.generate import unique_events

SEED = 514
YEARS = (2021, 2022, 2023, 2024, 2025)
# Kemendagri province code, name, regencies and cities, approximate centre (lat, lon).
PROVINCES = (
    ("11", "Aceh", 23, 4.4, 96.9),
    ("12", "Sumatera Utara", 33, 2.2, 99.1),
    ("13", "Sumatera Barat", 19, -0.8, 100.5),
    ("14", "Riau", 12, 0.5, 101.7),
    ("15", "Jambi", 11, -1.6, 103.0),
    ("16", "Sumatera Selatan", 17, -3.3, 104.0),
    ("17", "Bengkulu", 10, -3.6, 102.3),
    ("18", "Lampung", 15, -4.9, 105.2),
    ("19", "Kepulauan Bangka Belitung", 7, -2.5, 106.4),
    ("21", "Kepulauan Riau", 7, 1.0, 104.5),
    ("31", "DKI Jakarta", 6, -6.2, 106.8),
    ("32", "Jawa Barat", 27, -6.9, 107.6),
    ("33", "Jawa Tengah", 35, -7.2, 110.2),
    ("34", "DI Yogyakarta", 5, -7.8, 110.4),
    ("35", "Jawa Timur", 38, -7.6, 112.5),
    ("36", "Banten", 8, -6.4, 106.1),
    ("51", "Bali", 9, -8.4, 115.2),
    ("52", "Nusa Tenggara Barat", 10, -8.6, 117.3),
    ("53", "Nusa Tenggara Timur", 22, -9.5, 121.5),
    ("61", "Kalimantan Barat", 14, -0.1, 110.9),
    ("62", "Kalimantan Tengah", 14, -1.6, 113.4),
    ("63", "Kalimantan Selatan", 13, -3.0, 115.3),
    ("64", "Kalimantan Timur", 10, 0.5, 116.4),
    ("65", "Kalimantan Utara", 5, 3.0, 116.2),
    ("71", "Sulawesi Utara", 15, 1.0, 124.5),
    ("72", "Sulawesi Tengah", 13, -1.4, 121.4),
    ("73", "Sulawesi Selatan", 24, -4.0, 120.0),
    ("74", "Sulawesi Tenggara", 17, -4.1, 122.2),
    ("75", "Gorontalo", 6, 0.6, 122.4),
    ("76", "Sulawesi Barat", 6, -2.5, 119.3),
    ("81", "Maluku", 11, -3.2, 129.5),
    ("82", "Maluku Utara", 10, 1.6, 127.8),
    ("91", "Papua", 9, -2.5, 140.0),
    ("92", "Papua Barat", 7, -1.3, 133.2),
    ("93", "Papua Selatan", 4, -7.5, 139.5),
    ("94", "Papua Tengah", 8, -3.5, 136.5),
    ("95", "Papua Pegunungan", 8, -4.0, 138.9),
    ("96", "Papua Barat Daya", 6, -1.0, 131.5),
)
KINDS = STANDARD["pemda"]
PROGRAMMES = (
    ("Pelatihan Bahasa Korea (EPS-TOPIK)", "Korea Selatan", "Manufaktur"),
    ("Pelatihan Caregiver", "Taiwan", "Perawatan"),
    ("Pelatihan Penata Laksana Rumah Tangga", "Hong Kong", "Domestik"),
    ("Pelatihan Operator Perkebunan", "Malaysia", "Perkebunan"),
)


def build(seed: int = SEED) -> dict[str, list[dict]]:
    """Every table as rows with explicit ids, in insertion order (parents first)."""
    rng = np.random.default_rng(seed)
    tables: dict[str, list[dict]] = {
        k: []
        for k in (
            "region",
            "partner",
            "mou",
            "mou_scope",
            "pks",
            "deliverable",
            "training_budget",
            "training_cohort",
            "village",
            "socialization_event",
            "partner_outcome",
        )
    }
    village_id = event_id = 0
    for code, province, count, lat, lon in PROVINCES:
        for k in range(1, count + 1):
            rid = len(tables["region"]) + 1
            cities = max(1, count // 6)
            is_city = k > count - cities
            regency = f"{code}.{(70 + k - (count - cities)) if is_city else k:02d}"
            kind = "kota" if is_city else "kabupaten"
            n_villages = int(rng.integers(40, 120) if is_city else rng.integers(84, 266))
            r_lat, r_lon = lat + rng.normal(0, 0.6), lon + rng.normal(0, 0.8)
            label = f"{'Kota' if is_city else 'Kabupaten'} Sintetis {regency}"
            tables["region"].append(
                {
                    "id": rid,
                    "kemendagri_code": regency,
                    "bps_code": regency.replace(".", ""),
                    "name": label,
                    "province": province,
                    "kind": kind,
                    "desa_count": 0 if is_city else n_villages,
                    "kelurahan_count": n_villages if is_city else 0,
                    "lat": round(r_lat, 3),
                    "lon": round(r_lon, 3),
                }
            )
            perf = float(rng.beta(4, 2))
            tables["partner"].append(
                {
                    "id": rid,
                    "code": regency,
                    "name": f"Pemerintah {label}",
                    "short_name": label.replace("Kabupaten", "Kab."),
                    "partner_type": "pemda",
                    "region_id": rid,
                    "lat": round(r_lat, 3),
                    "lon": round(r_lon, 3),
                }
            )
            signed = date(2021, 1, 4) + timedelta(days=int(rng.integers(0, 1200)))
            tables["mou"].append(
                {
                    "id": rid,
                    "partner_id": rid,
                    "number": f"NK.S{rid:03d}/KA/{signed.year}",
                    "signed_on": signed,
                    "valid_until": signed + timedelta(days=1826),
                    "renewed_by_id": None,
                }
            )
            tables["mou_scope"] += [{"mou_id": rid, "scope_code": s} for s in SCOPES]
            for j in range(int(rng.integers(0, 3))):
                start = signed + timedelta(days=int(rng.integers(30, 500)))
                tables["pks"].append(
                    {
                        "id": len(tables["pks"]) + 1,
                        "mou_id": rid,
                        "number": f"PKS.S{rid:03d}.{j + 1}",
                        "title": "Perjanjian Kerja Sama",
                        "scope_code": SCOPES[1 + j],
                        "signed_on": start,
                        "valid_until": start + timedelta(days=730),
                    }
                )
            for scope, item in KINDS:
                done = rng.random() < perf
                due = signed + timedelta(days=int(rng.integers(200, 900)))
                tables["deliverable"].append(
                    {
                        "id": len(tables["deliverable"]) + 1,
                        "partner_id": rid,
                        "scope_code": scope,
                        "kind": item,
                        "status": "selesai" if done else "proses",
                        "due_on": due,
                        "completed_on": due if done else None,
                        "evidence_note": "",
                    }
                )
            pmi = rng.lognormal(3, 1.2, n_villages).astype(int)
            first_village = village_id + 1
            for v in range(n_villages):
                village_id += 1
                prefix = "1" if is_city else "2"
                tables["village"].append(
                    {
                        "id": village_id,
                        "code": f"{regency}.{v % 20 + 1:02d}.{prefix}{v // 20 + 1:03d}",
                        "name": f"Desa Sintetis {village_id}",
                        "kind": "kelurahan" if is_city else "desa",
                        "region_id": rid,
                        "pmi_count": int(pmi[v]),
                    }
                )
            pagu = int(rng.uniform(0.3, 2.0) * 1e9 // 1e6 * 1e6)
            for year in YEARS:
                spent_before = 0
                for quarter in (1, 2, 3, 4):
                    share = (0.09, 0.27, 0.52, 0.86)[quarter - 1] * (0.4 + 0.6 * perf)
                    spent = int(pagu * share // 1e5 * 1e5)
                    tables["training_budget"].append(
                        {
                            "id": len(tables["training_budget"]) + 1,
                            "partner_id": rid,
                            "year": year,
                            "quarter": quarter,
                            "fund_source": "APBD",
                            "pagu_rp": pagu,
                            "realisasi_rp": max(0, spent - spent_before),
                            "target_trainees": pagu // 8_000_000,
                        }
                    )
                    spent_before = max(spent, spent_before)
                    for prog, dest, sector in PROGRAMMES[: 2 + (quarter > 2)]:
                        registered = int(rng.integers(22, 60))
                        graduated = int(registered * (0.7 + 0.25 * perf))
                        certified = int(graduated * (0.6 + 0.3 * perf))
                        tables["training_cohort"].append(
                            {
                                "id": len(tables["training_cohort"]) + 1,
                                "partner_id": rid,
                                "year": year,
                                "quarter": quarter,
                                "programme": prog,
                                "destination": dest,
                                "sector": sector,
                                "registered": registered,
                                "graduated": graduated,
                                "certified": certified,
                                "placed": int(certified * 0.5),
                                "cost_rp": graduated * 8_000_000,
                            }
                        )
                    n_events = int(rng.poisson(n_villages * 0.32 * (0.3 + perf)))
                    villages = rng.integers(first_village, village_id + 1, n_events)
                    days = rng.integers(0, 89, n_events)
                    sizes = rng.integers(30, 101, n_events)
                    women = (sizes * rng.uniform(0.45, 0.66, n_events)).astype(int)
                    topics = rng.integers(0, len(TOPICS), n_events)
                    q_start = date(year, 3 * quarter - 2, 1)
                    for e in range(n_events):
                        event_id += 1
                        tables["socialization_event"].append(
                            {
                                "id": event_id,
                                "partner_id": rid,
                                "village_id": int(villages[e]),
                                "held_on": q_start + timedelta(days=int(days[e])),
                                "year": year,
                                "quarter": quarter,
                                "topic": TOPICS[topics[e]],
                                "participants_male": int(sizes[e] - women[e]),
                                "participants_female": int(women[e]),
                                "organiser": "Dinas Tenaga Kerja",
                            }
                        )
                placements = int(rng.lognormal(7, 1))
                tables["partner_outcome"].append(
                    {
                        "partner_id": rid,
                        "year": year,
                        "placements": placements,
                        "complaints": placements // 150,
                        "nonprocedural_prevented": int(placements * 0.02 * perf),
                        "returns_facilitated": placements // 50,
                    }
                )
    events = unique_events(
        tables["socialization_event"], ("partner_id", "village_id", "held_on", "topic")
    )
    tables["socialization_event"] = [e | {"id": n} for n, e in enumerate(events, start=1)]
    return tables


MODELS = {
    "region": m.Region,
    "partner": m.Partner,
    "mou": m.Mou,
    "mou_scope": m.MouScope,
    "pks": m.Pks,
    "deliverable": m.Deliverable,
    "training_budget": m.TrainingBudget,
    "training_cohort": m.TrainingCohort,
    "village": m.Village,
    "socialization_event": m.SocializationEvent,
    "partner_outcome": m.PartnerOutcome,
}


def _copy(conn, table: str, rows: list[dict]) -> None:
    """PostgreSQL's COPY: the fast path for hundreds of thousands of rows."""
    columns = list(rows[0])
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def load(engine: Engine, tables: dict[str, list[dict]]) -> None:
    """Replace whatever the database holds with the national data set, in one transaction."""
    migrate(engine)
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        # Accounts (with their sessions), reminders, self-assessments, targets, quarter totals and
        # remembered import mappings point at partners, so they go too; the demo
        # staff accounts come back below.
        derived = [
            "socialization_total_village",
            "socialization_total",
            "import_mapping",
            "socialization_quarter",
            "village_reach",
            "village_first_reach",
            "app_session",
            "notification",
            "comment",
            "mail_out",
            "reminder",
            "app_user",
            "assessment_item",
            "assessment_event",
            "followup_plan",
            "assessment",
            "submission_event",
            "submission",
            "figure_check",
            "partner_target",
        ]
        names = [*derived, *reversed(["dataset_info", *MODELS])]
        if postgres:
            # TRUNCATE skips the row-by-row foreign-key checks that DELETE would make.
            conn.execute(text(f"TRUNCATE {', '.join(names)}"))
        else:
            for name in names:
                conn.execute(text(f"DELETE FROM {name}"))  # noqa: S608 - fixed table names
        conn.execute(
            insert(m.DatasetInfo),
            [
                {"key": "is_demo", "value": "1"},
                {"key": "as_of", "value": "2025-12-31"},
                {"key": "source", "value": "Data sintetis skala nasional, seed_data/national.py"},
            ],
        )
        for name, model in MODELS.items():
            rows = tables[name]
            if postgres and len(rows) > 5000:
                _copy(conn, name, rows)
            else:
                for start in range(0, len(rows), 20_000):
                    conn.execute(insert(model), rows[start : start + 20_000])
        # Fresh tables have no planner statistics; without them PostgreSQL joins the derived
        # tables row by row (minutes instead of seconds).
        conn.execute(text("ANALYZE"))
        summaries.refresh(conn)
        conn.execute(text("ANALYZE"))
        demo_staff_accounts(conn)
        if postgres:
            for name in MODELS:
                if "id" in MODELS[name].__table__.c:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                            f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                        )
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="target (default: DATABASE_URL)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    engine = create_engine(args.database_url or database_url())
    started = time.perf_counter()
    tables = build(args.seed)
    built = time.perf_counter()
    load(engine, tables)
    with engine.connect() as conn:
        trainees = conn.execute(select(func.sum(m.TrainingCohort.registered))).scalar_one()
    print(f"built in {built - started:.1f} s, loaded in {time.perf_counter() - built:.1f} s")
    for name in MODELS:
        print(f"{name:20} {len(tables[name]):>9,}")
    print(f"{'trainees (registered)':20} {int(trainees):>9,}")


if __name__ == "__main__":
    main()
