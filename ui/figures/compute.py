"""Indicator frames for a period, assembled from cached reads (shared by several pages)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.accounts.roles import Role
from core.figures.indicators import partner_indicators
from core.figures.scoring import league_table, load_config
from data_access.figures import scorecard
from data_access.store.access import Viewer, anonymize
from ui.frame.data import data_key, read
from ui.frame.state import Filters, verified_only, viewer


def _audience() -> tuple[str, int | None]:
    """Whom a computed frame is for: a partner (its own answer, peers without names) or the
    agency's staff, who all see the same (one cache entry for leadership, verifiers and
    admins)."""
    who = viewer()
    return (who.role, who.partner_id) if who.is_partner else (Role.PIMPINAN, None)


def indicators(year: int, quarter: int, partner_type=None, province=None) -> pd.DataFrame:
    """Every indicator per partner for a period (see core.figures.indicators.partner_indicators)."""
    return _indicators(
        data_key(),
        *_audience(),
        verified_only(),
        year,
        quarter,
        partner_type,
        province,
    )


# Cached per partner (peers without names) and once for all staff roles (see _audience).
@st.cache_data(ttl=600, show_spinner=False, max_entries=500)
def _indicators(
    key: str, role: str, partner_id, verified: bool, year: int, quarter: int, partner_type, province
) -> pd.DataFrame:
    if role == Role.MITRA and province is None:
        staff = _indicators(key, Role.PIMPINAN, None, verified, year, quarter, partner_type, None)
        return _for_partner(staff, partner_id)
    inputs = read(
        scorecard.scorecard_inputs,
        viewer=Viewer(role, partner_id),
        verified_only=verified,
        year=year,
        quarter=quarter,
        partner_type=partner_type,
        province=province,
    )
    return partner_indicators(**inputs)


def scored(filters: Filters) -> pd.DataFrame:
    """Scorecard of the filtered partners; ranks are among all partners of the same group
    (16 regions, 5 institutions), with the change since the same period a year earlier."""
    return _scored(
        data_key(),
        *_audience(),
        verified_only(),
        filters.year,
        filters.quarter,
        filters.partner_type,
        filters.province,
    )


@st.cache_data(ttl=600, show_spinner=False, max_entries=500)
def _scored(
    key: str, role: str, partner_id, verified: bool, year: int, quarter: int, partner_type, province
) -> pd.DataFrame:
    if role == Role.MITRA and province is None:
        staff = _scored(key, Role.PIMPINAN, None, verified, year, quarter, partner_type, None)
        return _for_partner(staff, partner_id)
    now = _indicators(key, role, partner_id, verified, year, quarter, None, None)
    before = _indicators(key, role, partner_id, verified, year - 1, quarter, None, None)
    return league_table(now, before, load_config(), quarter, partner_type, province)


def _for_partner(staff: pd.DataFrame, partner_id: int) -> pd.DataFrame:
    """Staff's indicators as a partner's account sees them: the very frame computed from the
    partner's own anonymized reads (tests/test_shared_scores.py), made once for everybody.
    Peers keep their figures and what is derived from them alone (bands, where a target
    comes from); their names and places go."""
    derived = frozenset(c for c in staff.columns if c.startswith("band_") or c == "target_source")
    return anonymize(staff, Viewer(Role.MITRA, partner_id), keep=derived)


def previous(filters: Filters) -> pd.DataFrame:
    """Indicators of the same period a year earlier, with the same partner filters."""
    return indicators(filters.year - 1, filters.quarter, filters.partner_type, filters.province)
