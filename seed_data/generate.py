"""Generate the demo data set as CSV files: `python -m seed_data.generate [--out DIR]`.

Deterministic: the same code writes the same bytes. Every figure is illustrative.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from datetime import date, timedelta
from pathlib import Path

from core.assessment.instrument import SCOPES
from core.figures.deliverables import STANDARD
from core.imports.importing import TOPICS
from seed_data import assessments, submissions
from seed_data.partners import HOST_CITIES, INSTITUTIONS, REGION_PROFILES, REGIONS, Profile

SEED = 20260401
YEARS = (2022, 2023, 2024, 2025)
AS_OF = date(2025, 12, 31)
CSV_DIR = Path(__file__).resolve().parent / "csv"
PEMDA_DELIVERABLES = STANDARD["pemda"]
INSTITUTION_DELIVERABLES = STANDARD["lembaga_pendidikan"]
PEMDA_PROGRAMMES = (
    ("Pelatihan Bahasa Korea (EPS-TOPIK)", "Korea Selatan", "Manufaktur", 9_000_000),
    ("Pelatihan Caregiver", "Taiwan", "Perawatan", 7_000_000),
    ("Pelatihan Bahasa Jepang dan Keterampilan (SSW)", "Jepang", "Manufaktur", 28_000_000),
    ("Pelatihan Penata Laksana Rumah Tangga", "Hong Kong", "Domestik", 6_000_000),
    ("Pelatihan Operator Perkebunan", "Malaysia", "Perkebunan", 5_000_000),
    ("Pelatihan Pengelasan", "Jepang", "Konstruksi", 14_000_000),
)
INSTITUTION_PROGRAMMES = (
    ("Caregiver Kaigo Jepang", "Jepang", "Kesehatan", 32_000_000),
    ("Perawat Lanjut Usia", "Taiwan", "Kesehatan", 12_000_000),
    ("Bahasa Korea dan Keterampilan Manufaktur", "Korea Selatan", "Manufaktur", 26_000_000),
    ("Hospitality dan Bahasa Inggris", "Singapura", "Perhotelan", 15_000_000),
)
ORGANISERS = ("Dinas Tenaga Kerja", "BP3MI", "Pemerintah Desa", "Kecamatan")
SYLLABLES = (
    "suka", "mekar", "jaya", "sari", "mulya", "tegal", "karang", "wangi", "rejo", "sido",
    "sumber", "makmur", "harja", "pasir", "cipta", "bumi", "tanjung", "asih", "luhur", "agung",
    "kerta", "mukti", "rahayu", "sentosa", "manis", "kidul", "lor", "wetan", "anyar", "baru",
)  # fmt: skip
GROWTH = {2022: 0.75, 2023: 0.9, 2024: 1.0, 2025: 1.05}
# Regions spent more slowly in the first MoU years and faster once the programmes settled.
PACE = {2022: 0.86, 2023: 0.93, 2024: 1.0, 2025: 1.04}
PLACEMENT_GROWTH = {2022: 1.0, 2023: 1.37, 2024: 1.47, 2025: 1.52}
KNOWN_PLACEMENTS = {
    ("32.12", 2022): 12794,
    ("32.12", 2023): 19178,
    ("32.09", 2022): 7639,
    ("32.09", 2023): 10552,
    ("52.02", 2022): 12049,
}
ABSORPTION_CURVE = (0.09, 0.27, 0.52, 0.86)


def _quarter_dates(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def _village_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize()
        if name not in used:
            used.add(name)
            return name


def _regions() -> list[dict]:
    return [
        {
            "kemendagri_code": r.code,
            "bps_code": r.code.replace(".", ""),
            "name": r.name,
            "province": r.province,
            "kind": r.kind,
            "desa_count": r.desa,
            "kelurahan_count": r.kelurahan,
            "lat": r.lat,
            "lon": r.lon,
        }
        for r in (*REGIONS, *HOST_CITIES)
    ]


def _partners() -> list[tuple[dict, Profile]]:
    rows = []
    for r in REGIONS:
        short = r.name.replace("Kabupaten ", "Kab. ")
        row = {
            "code": r.code,
            "name": f"Pemerintah {r.name}",
            "short_name": short,
            "partner_type": "pemda",
            "region_code": r.code,
            "lat": r.lat,
            "lon": r.lon,
        }
        rows.append((row, REGION_PROFILES[r.code]))
    for code, name, short, region, lat, lon, profile in INSTITUTIONS:
        row = {
            "code": code,
            "name": name,
            "short_name": short,
            "partner_type": "lembaga_pendidikan",
            "region_code": region,
            "lat": lat,
            "lon": lon,
        }
        rows.append((row, profile))
    return rows


def _mous(partners, rng):
    mous, scopes, pks = [], [], []
    for index, (p, prof) in enumerate(partners, start=1):
        signed = date.fromisoformat(prof.mou_signed)
        until = signed.replace(year=signed.year + prof.mou_years) - timedelta(days=1)
        number = f"NK.{index:02d}/KA/{signed.year}"
        renewal = None
        if prof.renewed:
            renewal = f"NK.{index:02d}-P/KA/{until.year}"
        mous.append(
            {
                "number": number,
                "partner_code": p["code"],
                "signed_on": signed.isoformat(),
                "valid_until": until.isoformat(),
                "renewed_by_number": renewal or "",
            }
        )
        scopes += [{"mou_number": number, "scope_code": s} for s in SCOPES]
        if renewal:
            new_signed = until - timedelta(days=6)
            mous.append(
                {
                    "number": renewal,
                    "partner_code": p["code"],
                    "signed_on": new_signed.isoformat(),
                    "valid_until": (new_signed.replace(year=new_signed.year + 5)).isoformat(),
                    "renewed_by_number": "",
                }
            )
            scopes += [{"mou_number": renewal, "scope_code": s} for s in SCOPES]
        if not prof.has_pks:
            continue
        n_pks = 1 + int(prof.performance > 0.6) + int(prof.performance > 0.85)
        for k, scope in enumerate(rng.sample(SCOPES[1:], n_pks), start=1):
            start = signed + timedelta(days=rng.randint(60, 400))
            years = rng.choice((1, 2, 3))
            pks.append(
                {
                    "number": f"PKS.{index:02d}.{k}/{start.year}",
                    "mou_number": number,
                    "title": f"Perjanjian Kerja Sama {scope.replace('_', ' ').title()}",
                    "scope_code": scope,
                    "signed_on": start.isoformat(),
                    "valid_until": (start.replace(year=start.year + years)).isoformat(),
                }
            )
    return mous, scopes, pks


def _deliverables(partners, rng):
    rows = []
    for p, prof in partners:
        signed = date.fromisoformat(prof.mou_signed)
        items = PEMDA_DELIVERABLES if p["partner_type"] == "pemda" else INSTITUTION_DELIVERABLES
        for scope, kind in items:
            due = signed + timedelta(days=rng.randint(365, 900))
            roll = rng.random()
            if roll < prof.performance:
                status = "selesai"
                done = min(due - timedelta(days=rng.randint(-60, 200)), AS_OF)
                note = f"Dokumen bukti diterima {done.strftime('%d/%m/%Y')}"
            elif roll < prof.performance + (1 - prof.performance) / 2:
                status, done, note = "proses", None, "Sedang dalam pembahasan"
            else:
                status, done, note = "belum", None, ""
            rows.append(
                {
                    "partner_code": p["code"],
                    "scope_code": scope,
                    "kind": kind,
                    "status": status,
                    "due_on": due.isoformat(),
                    "completed_on": done.isoformat() if done else "",
                    "evidence_note": note,
                }
            )
    return rows


def _budgets_and_cohorts(partners, rng):
    budgets, cohorts = [], []
    for p, prof in partners:
        is_pemda = p["partner_type"] == "pemda"
        programmes = PEMDA_PROGRAMMES if is_pemda else INSTITUTION_PROGRAMMES
        sources = (
            (("APBD", 0.85), ("APBN", 0.15)) if is_pemda else (("INSTITUSI", 0.6), ("APBN", 0.4))
        )
        signed_year = int(prof.mou_signed[:4])
        for year in YEARS:
            if year < signed_year:
                continue
            annual = prof.pagu_miliar * 1e9 * GROWTH[year] * rng.uniform(0.9, 1.1)
            factor = (0.35 + 0.7 * prof.performance) * PACE[year]
            for source, share in sources:
                pagu = int(round(annual * share, -6))
                unit = sum(q[3] for q in programmes) / len(programmes)
                target = max(10, int(pagu / unit))
                spent_before = 0
                for quarter in (1, 2, 3, 4):
                    if p["code"] == "71.04" and year == 2025 and quarter == 4:
                        continue  # a missing report: the laggard did not file Q4 2025
                    pagu_q = pagu
                    if year == 2025 and quarter >= 3 and prof.budget_cut_2025 < 1:
                        pagu_q = int(round(pagu * prof.budget_cut_2025, -6))
                    cumulative = ABSORPTION_CURVE[quarter - 1] * factor * rng.uniform(0.92, 1.05)
                    spent = min(int(round(pagu * cumulative, -5)), pagu_q)
                    realisasi = max(0, spent - spent_before)
                    spent_before += realisasi
                    budgets.append(
                        {
                            "partner_code": p["code"],
                            "year": year,
                            "quarter": quarter,
                            "fund_source": source,
                            "pagu_rp": pagu_q,
                            "realisasi_rp": realisasi,
                            "target_trainees": target,
                        }
                    )
            cohorts += _cohorts_for(p, prof, year, budgets, programmes, rng)
    return budgets, cohorts


def _cohorts_for(p, prof, year, budgets, programmes, rng):
    rows = []
    for quarter in (1, 2, 3, 4):
        spent = sum(
            b["realisasi_rp"]
            for b in budgets
            if b["partner_code"] == p["code"] and b["year"] == year and b["quarter"] == quarter
        )
        if spent <= 0:
            continue
        n = 1 if spent < 150e6 else 2 if spent < 500e6 else 3
        for prog, dest, sector, unit in rng.sample(programmes, n):
            cost = int(round(spent / n, -3))
            graduated = max(1, int(cost / unit * rng.uniform(0.9, 1.1)))
            registered = int(math.ceil(graduated / (0.72 + 0.25 * prof.performance)))
            certified = int(graduated * (0.55 + 0.4 * prof.performance))
            placed_share = (0.45 if p["partner_type"] == "pemda" else 0.6) * (
                0.5 + prof.performance
            )
            rows.append(
                {
                    "partner_code": p["code"],
                    "year": year,
                    "quarter": quarter,
                    "programme": prog,
                    "destination": dest,
                    "sector": sector,
                    "registered": registered,
                    "graduated": graduated,
                    "certified": certified,
                    "placed": min(certified, int(certified * placed_share)),
                    "cost_rp": cost,
                }
            )
    return rows


def _villages(rng):
    rows = []
    for r in REGIONS:
        prof = REGION_PROFILES[r.code]
        total = r.desa + r.kelurahan
        n_kec = max(8, round(total / 13))
        used: set[str] = set()
        kinds = ["kelurahan"] * r.kelurahan + ["desa"] * r.desa
        stock = prof.placements_2022 * 3
        weights = [rng.lognormvariate(0, 1.0) * (0.4 if k == "kelurahan" else 1) for k in kinds]
        scale = stock / sum(weights)
        for i, kind in enumerate(kinds):
            kec = i % n_kec + 1
            serial = i // n_kec + 1
            prefix = "1" if kind == "kelurahan" else "2"
            rows.append(
                {
                    "code": f"{r.code}.{kec:02d}.{prefix}{serial:03d}",
                    "name": _village_name(rng, used),
                    "kind": kind,
                    "region_code": r.code,
                    "pmi_count": max(0, int(round(weights[i] * scale))),
                }
            )
    return rows


def _events(villages, rng):
    rows = []
    by_region: dict[str, list[dict]] = {}
    for v in villages:
        by_region.setdefault(v["region_code"], []).append(v)
    for r in REGIONS:
        prof = REGION_PROFILES[r.code]
        signed = date.fromisoformat(prof.mou_signed)
        vs = by_region[r.code]
        kecs = sorted({v["code"][:8] for v in vs})
        # Remote districts the partner never reaches: the realistic gaps.
        unreached = set(rng.sample(kecs, int(len(kecs) * (1 - prof.performance) * 0.6)))
        reachable = [v for v in vs if v["code"][:8] not in unreached]
        weights = [(v["pmi_count"] + 1) ** prof.performance for v in reachable]
        for year in YEARS:
            for quarter in (1, 2, 3, 4):
                start, end = _quarter_dates(year, quarter)
                if end < signed:
                    continue
                seasonal = (0.6, 1.0, 1.1, 1.3)[quarter - 1]
                mean = len(vs) / 4 * prof.performance * 1.1 * GROWTH[year] * seasonal
                count = max(0, int(rng.gauss(mean, mean * 0.1)))
                days = (end - max(start, signed)).days
                for village in rng.choices(reachable, weights, k=count):
                    held = max(start, signed) + timedelta(days=rng.randint(0, days))
                    total = max(30, min(100, int(rng.gauss(52, 15))))
                    female = int(total * rng.uniform(0.48, 0.66))
                    rows.append(
                        {
                            "partner_code": r.code,
                            "village_code": village["code"],
                            "held_on": held.isoformat(),
                            "topic": rng.choice(TOPICS),
                            "participants_male": total - female,
                            "participants_female": female,
                            "organiser": rng.choice(ORGANISERS),
                        }
                    )
    rows = unique_events(rows, ("partner_code", "village_code", "held_on", "topic"))
    rows.sort(key=lambda e: (e["partner_code"], e["held_on"], e["village_code"]))
    return rows


def unique_events(rows: list[dict], key: tuple[str, ...]) -> list[dict]:
    """One event per natural key (partner, village, day, topic), as the database requires:
    a drawn second session on the same topic in the same village on the same day is dropped
    (events keep a realistic size)."""
    kept: dict[tuple, dict] = {}
    for row in rows:
        kept.setdefault(tuple(row[k] for k in key), row)
    return list(kept.values())


def _outcomes(partners, rng):
    rows = []
    for p, prof in partners:
        for year in YEARS:
            base = KNOWN_PLACEMENTS.get((p["code"], year))
            placements = base or int(
                prof.placements_2022 * PLACEMENT_GROWTH[year] * rng.uniform(0.95, 1.05)
            )
            rows.append(
                {
                    "partner_code": p["code"],
                    "year": year,
                    "placements": placements,
                    "complaints": int(placements * 0.006 * (1.3 - 0.5 * prof.performance)),
                    "nonprocedural_prevented": int(placements * 0.015 * (0.4 + prof.performance)),
                    "returns_facilitated": int(placements * 0.02 * rng.uniform(0.8, 1.2)),
                }
            )
    return rows


def build() -> dict[str, list[dict]]:
    """Return every demo table as a list of rows, keyed by CSV file stem."""
    rng = random.Random(SEED)
    partners = _partners()
    mous, scopes, pks = _mous(partners, rng)
    budgets, cohorts = _budgets_and_cohorts(partners, rng)
    villages = _villages(rng)
    return {
        "dataset_info": [
            {"key": "is_demo", "value": "1"},
            {"key": "as_of", "value": AS_OF.isoformat()},
            {"key": "source", "value": "Data contoh (ilustratif), seed_data/generate.py"},
        ],
        "regions": _regions(),
        "partners": [p for p, _ in partners],
        "mous": mous,
        "mou_scopes": scopes,
        "pks": pks,
        "deliverables": _deliverables(partners, rng),
        "training_budgets": budgets,
        "training_cohorts": cohorts,
        "villages": villages,
        "socialization_events": _events(villages, rng),
        "partner_outcomes": _outcomes(partners, rng),
        **assessments.build(partners),
        "submissions": submissions.build(partners),
    }


def write(out_dir: Path = CSV_DIR) -> list[Path]:
    """Write every table to `out_dir/<name>.csv` and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in build().items():
        path = out_dir / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CSV_DIR, help="folder for the CSV files")
    args = parser.parse_args()
    for path in write(args.out):
        print(path)


if __name__ == "__main__":
    main()
