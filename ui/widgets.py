"""Widgets every page shares: header with period and data date, tables with downloads."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from core import fmt
from ui import export
from ui.data import read
from ui.state import PROFILE_KEY, Filters, t

PROFILE_PAGE = "pages/profil_mitra.py"


def header(title_key: str, filters: Filters, *, with_period: bool = True) -> None:
    """Page title and the line that says which period, which partners and how fresh."""
    st.title(t(title_key))
    info = read("dataset_info")
    parts = []
    if with_period:
        parts.append(t("common.period", period=filters.period.label(filters.lang)))
    parts.append(t("common.partners", partners=partner_scope(filters)))
    parts.append(t("common.as_of", date=fmt.long_date(info["as_of"], filters.lang)))
    st.caption(" · ".join(parts))


def partner_scope(filters: Filters) -> str:
    kind = t(f"partner_type.{filters.partner_type}") if filters.partner_type else t("filters.all_types")
    return f"{kind}, {filters.province}" if filters.province else kind


def context_rows(filters: Filters, name: str) -> list[tuple[str, str]]:
    """What a downloaded table is: its name, period, partners, data date, demo label."""
    info = read("dataset_info")
    rows = [
        (t("common.table"), name),
        (t("filters.period"), filters.period.label(filters.lang)),
        (t("filters.partner_type"), partner_scope(filters)),
        (t("common.data_as_of"), fmt.long_date(info["as_of"], filters.lang)),
    ]
    if info["is_demo"]:
        rows.append((t("common.demo_label"), t("common.demo_short")))
    return rows


def empty(message_key: str) -> None:
    """Say in a sentence why there is nothing to show, and stop the page here."""
    st.info(t(message_key), icon="ℹ️")
    st.stop()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def table(
    frame: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    name: str,
    partner_ids: pd.Series | None = None,
    column_config: dict | None = None,
    styler=None,
) -> None:
    """Show a table with CSV and XLSX downloads; a row with a partner opens its profile.

    `frame` holds display-ready columns (already labelled); `partner_ids` aligns with its
    rows when the table lists partners.
    """
    selectable = partner_ids is not None
    event = st.dataframe(
        styler if styler is not None else frame,
        key=f"{key}_table",
        hide_index=True,
        width="stretch",
        column_config=column_config,
        on_select="rerun" if selectable else "ignore",
        selection_mode="single-row",
    )
    if selectable:
        rows = event.selection.rows if event else []
        if rows:
            st.session_state[PROFILE_KEY] = int(partner_ids.iloc[rows[0]])
            st.switch_page(PROFILE_PAGE)
    file_stem = f"{_slug(name)}_{filters.year}_tw{filters.quarter}"
    left, right, note = st.columns([1, 1, 4])
    left.download_button(
        t("common.download_csv"),
        data=export.to_csv(frame),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
    )
    right.download_button(
        t("common.download_xlsx"),
        data=export.to_xlsx(frame, context_rows(filters, name)),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )
    if selectable:
        note.caption(t("common.select_row_hint"))


def band_label(band: str | None) -> str:
    """A text label beside every red/amber/green colour, never colour alone."""
    return t(f"band.{band}") if band else t("band.none")
