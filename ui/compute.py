"""Indicator frames for a period, assembled from cached reads (shared by several pages)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.indicators import partner_indicators
from core.scoring import load_config, scorecard, with_rank_change
from data_access.db import database_url
from ui.data import read
from ui.state import Filters


def indicators(year: int, quarter: int, partner_type=None, province=None) -> pd.DataFrame:
    """Every indicator per partner for a period (see core.indicators.partner_indicators)."""
    return _indicators(database_url(), year, quarter, partner_type, province)


@st.cache_data(ttl=600, show_spinner=False, max_entries=500)
def _indicators(url: str, year: int, quarter: int, partner_type, province) -> pd.DataFrame:
    inputs = read(
        "scorecard_inputs", year=year, quarter=quarter, partner_type=partner_type, province=province
    )
    return partner_indicators(**inputs)


def scored(filters: Filters) -> pd.DataFrame:
    """Scorecard of the filtered partners; ranks are among all partners of the same group
    (16 regions, 5 institutions), with the change since the same period a year earlier."""
    return _scored(
        database_url(), filters.year, filters.quarter, filters.partner_type, filters.province
    )


@st.cache_data(ttl=600, show_spinner=False, max_entries=500)
def _scored(url: str, year: int, quarter: int, partner_type, province) -> pd.DataFrame:
    filters = Filters(year, quarter, partner_type, province, "id")
    config = load_config()
    now = scorecard(indicators(filters.year, filters.quarter), config, filters.quarter)
    before = scorecard(indicators(filters.year - 1, filters.quarter), config, filters.quarter)
    out = with_rank_change(now, before[before["indeks"].notna()])
    if filters.partner_type:
        out = out[out["partner_type"] == filters.partner_type]
    if filters.province:
        out = out[out["province"] == filters.province]
    return out.reset_index(drop=True)


def previous(filters: Filters) -> pd.DataFrame:
    """Indicators of the same period a year earlier, with the same partner filters."""
    return indicators(filters.year - 1, filters.quarter, filters.partner_type, filters.province)
