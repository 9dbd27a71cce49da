"""The benchmark's naive baseline answers the same questions as the real read functions."""

from datetime import date

import pytest
from pandas.testing import assert_frame_equal

from benchmarks import naive
from tests.viewers import STAFF
from ui.frame.data import READS

ARGS = {
    "budget_by_partner": {"year": 2025, "quarter": 4},
    "training_by_partner": {"year": 2024, "quarter": 2},
    "coverage_by_partner": {"year": 2025, "quarter": 3},
    "events_by_quarter": {"partner_type": "pemda"},
    "events_by_topic": {"year": 2023, "quarter": 4},
    "budget_by_quarter": {"province": "Jawa Timur"},
    "deliverables_matrix": {"as_of": date(2024, 6, 30)},
    "mou_registry": {"partner_type": "pemda"},
}


@pytest.mark.parametrize("name", sorted(ARGS))
def test_naive_read_gives_the_same_frame(database_url, name):
    expected = READS[name](viewer=STAFF, **ARGS[name]).reset_index(drop=True)
    actual = naive.READS[name](viewer=STAFF, **ARGS[name]).reset_index(drop=True)
    assert_frame_equal(actual, expected, check_dtype=False)
