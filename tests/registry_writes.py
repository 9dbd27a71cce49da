"""One call of each registry and account write for a given account, on the demo database:
the authorization matrix runs them for every role, the audit check for an admin."""

from __future__ import annotations

from datetime import date

from core.registry.reference_areas import Area
from core.registry.registry_rules import PartnerFields
from data_access.accounts import credentials
from data_access.registry import (
    agreements,
    follow_through,
    reference_areas,
    registry,
    registry_import,
    targets,
)
from data_access.store.access import Viewer

AREA = Area("71.04", "KAB. KEPULAUAN TALAUD", "kabupaten_kota", "71", "7104")
UNIVERSITY = PartnerFields(
    "UNI", "Universitas Baru", "Univ. Baru", "lembaga_pendidikan", "71.04", 4.3, 126.8
)


def writes(viewer: Viewer) -> dict:
    """Name → a function that runs the write as `viewer` (named as in data_access)."""
    return {
        "reference_areas.load_areas": lambda: reference_areas.load_areas(
            viewer=viewer, areas=[AREA], removed=[], version="Kepmendagri", file_name="w.csv"
        ),
        "registry.save_partner": lambda: registry.save_partner(viewer=viewer, fields=UNIVERSITY),
        "agreements.save_mou": lambda: agreements.save_mou(
            viewer=viewer,
            partner_id=1,
            number="NK.99/KA/2026",
            signed_on=date(2026, 1, 1),
            valid_until=date(2031, 1, 1),
            scopes=["DIKLAT_CPMI"],
        ),  # fmt: skip
        "agreements.save_pks": lambda: agreements.save_pks(
            viewer=viewer,
            mou_id=1,
            number="PKS.99/2026",
            title="PKS",
            scope_code="DIKLAT_CPMI",
            signed_on=date(2026, 1, 1),
            valid_until=date(2027, 1, 1),
        ),  # fmt: skip
        "follow_through.save_item": lambda: follow_through.save_item(
            viewer=viewer,
            partner_id=16,
            scope_code="PEMBERANTASAN_SINDIKAT",
            kind="satgas_tppo",
            status="selesai",
            due_on=date(2026, 3, 31),
            completed_on=date(2026, 1, 10),
            expected_version=1,
        ),  # fmt: skip
        "targets.save_target": lambda: targets.save_target(
            viewer=viewer,
            partner_id=16,
            year=2026,
            budget_rp=400_000_000,
            trainees=40,
            villages=30,
            expected_version=0,
        ),  # fmt: skip
        "registry_import.import_registry": lambda: registry_import.import_registry(
            viewer=viewer,
            kind="target",
            file_name="target.csv",
            records=[
                {
                    "row": 2,
                    "partner_code": "71.04",
                    "year": 2027,
                    "budget_rp": 0,
                    "trainees": 50,
                    "villages": 0,
                }
            ],
        ),  # fmt: skip
        "credentials.create_account": lambda: credentials.create_account(
            viewer=viewer, username="op.baru", full_name="Operator Baru", partner_id=16
        ),
        "credentials.reset_to_one_time": lambda: credentials.reset_to_one_time(
            viewer=viewer, username="mitra-7104"
        ),
    }
