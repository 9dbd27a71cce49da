"""A partner's scorecard is made from the staff's (computed once for everybody) and is the
very frame that its own anonymized reads give (ui.figures.compute._for_partner)."""

import pandas as pd
import pytest

from core.figures.indicators import partner_indicators
from core.figures.scoring import load_config, scored_period
from data_access.figures import scorecard
from data_access.store.access import Viewer
from ui.figures import compute

PERIODS = [(2025, 4), (2025, 2), (2026, 1)]  # a full year, a mid-year quarter, one in progress


def own_reads(partner_id: int, year: int, quarter: int, verified: bool) -> pd.DataFrame:
    inputs = scorecard.scorecard_inputs(viewer=Viewer("mitra", partner_id), year=year,
                                        quarter=quarter, partner_type=None, province=None,
                                        verified_only=verified)  # fmt: skip
    return partner_indicators(**inputs)


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("partner_id").reset_index(drop=True)


@pytest.mark.parametrize("verified", [False, True])
def test_every_partners_scorecard_is_the_one_its_own_reads_give(database_url, verified):
    config, url = load_config(), database_url
    for partner_id in range(1, 22):
        for year, quarter in PERIODS:
            now = own_reads(partner_id, year, quarter, verified)
            before = own_reads(partner_id, year - 1, quarter, verified)
            expected = scored_period(now, before, config, quarter)
            got = compute._scored(url, "mitra", partner_id, verified, year, quarter, None, None)
            where = f"partner {partner_id}, {year} TW {quarter}"
            pd.testing.assert_frame_equal(by_id(got), by_id(expected), obj=where)
            shown = compute._indicators(url, "mitra", partner_id, verified, year, quarter,
                                        None, None)  # fmt: skip
            pd.testing.assert_frame_equal(by_id(shown), by_id(now), obj=where)
            peers = got[got["partner_id"] != partner_id]
            assert (peers["partner_id"] < 0).all() and peers["short_name"].isna().all()
