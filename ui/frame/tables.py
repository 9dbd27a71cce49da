"""Tables every page shares: formatted for reading, raw in the CSV and XLSX downloads, a row
that opens its partner's profile, band colours with their names, status histories."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.text import fmt
from ui.accounts import auth
from ui.frame import export
from ui.frame.state import PROFILE_KEY, Filters, t
from ui.frame.widgets import context_rows, download_stem

PROFILE_PAGE = "pages/profil_mitra.py"


FORMATS = {
    "rp": lambda v, lang: fmt.rupiah_full(v, lang),
    "pct": lambda v, lang: fmt.percent(v, lang),
    "int": lambda v, lang: fmt.number(v, lang),
    "dec1": lambda v, lang: fmt.number(v, lang, 1),
    "date": lambda v, lang: fmt.long_date(v, lang) if pd.notna(v) else fmt.DASH,
    "short_date": lambda v, lang: fmt.short_date(v, lang) if pd.notna(v) else fmt.DASH,
}


def formatted(frame: pd.DataFrame, formats: dict[str, str], lang: str) -> pd.DataFrame:
    """The frame with the named columns turned into Indonesian (or English) display text."""
    out = frame.copy()
    for column, kind in formats.items():
        out[column] = [FORMATS[kind](v, lang) for v in frame[column]]
    return out


def table(
    frame: pd.DataFrame,
    *,
    key: str,
    filters: Filters,
    name: str,
    formats: dict[str, str] | None = None,
    partner_ids: pd.Series | None = None,
    bands: pd.DataFrame | None = None,
    file_stem: str | None = None,
    details: list[str] | None = None,
) -> None:
    """Show a table with CSV and XLSX downloads; a row with a partner opens its profile.

    `frame` has labelled columns and raw values (the downloads keep them raw); `formats`
    maps a column to rp | pct | int | dec1 | date | short_date for display. `partner_ids`
    aligns with the rows of a table that lists partners. `bands` (same labels as `frame`)
    colours cells by hijau | kuning | merah; the cell text carries the label too.
    `file_stem` names the downloads where the table is about something else than the
    sidebar's period. `details` are columns shown only when the reader asks for all of them,
    so that the table fits a laptop screen; the downloads always hold every column.
    """
    shown = formatted(frame, formats or {}, filters.lang).reset_index(drop=True)
    if details and not _all_columns(details, key):
        shown = shown.drop(columns=details)
    data = shown
    # Cell colours for tables a person reads whole; beyond that the text label carries the band.
    if bands is not None and len(shown) <= STYLED_ROWS:
        data = shown.style.apply(_painter(bands.reset_index(drop=True)), axis=0)
    selectable = partner_ids is not None
    config = _column_config(shown, formats or {})
    event = st.dataframe(
        data,
        key=f"{key}_table",
        hide_index=True,
        width="stretch",
        column_config=config,
        height=_height(len(shown)),
        on_select="rerun" if selectable else "ignore",
        selection_mode="single-row",
    )
    if selectable:
        rows = event.selection.rows if event else []
        if rows:
            st.session_state[PROFILE_KEY] = int(partner_ids.iloc[rows[0]])
            st.switch_page(PROFILE_PAGE)
    _downloads(frame, filters, name, file_stem, key, hint=selectable)


def _column_config(shown: pd.DataFrame, formats: dict[str, str]) -> dict:
    """Figures right-aligned; the partner's name pinned, as wide as the longest."""
    # Formatted figures are text now; keep them right-aligned like numbers.
    config = {
        column: st.column_config.TextColumn(alignment="right")
        for column, kind in formats.items()
        if kind not in ("date", "short_date")
    }
    # A wide table scrolls sideways on a laptop: the partner's name stays in view.
    # Its width is set from the longest name: the grid sizes columns from the first rows only,
    # and a pinned column would cut a longer name further down.
    if t("col.partner") in shown.columns:
        longest = max(map(len, shown[t("col.partner")].astype(str)), default=0)
        config[t("col.partner")] = st.column_config.TextColumn(
            pinned=True, width=min(PX_PER_CHAR * longest + 24, 280)
        )
    return config


def _downloads(
    frame: pd.DataFrame, filters: Filters, name: str, file_stem: str | None, key: str, *, hint: bool
) -> None:
    """The table's CSV and XLSX downloads (with `hint`, the line that a row opens a profile)."""
    file_stem = export.slug(file_stem) if file_stem else download_stem(filters, name)
    with st.container(horizontal=True, vertical_alignment="center"):
        # Files are built only when someone clicks: big tables cost nothing on every rerun.
        context = context_rows(filters, name)
        st.download_button(
            t("common.download_csv"),
            data=auth.guarded_download(lambda: export.to_csv(frame, context, filters.lang)),
            file_name=f"{file_stem}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",  # no rerun: a quick second click finds its file
        )
        st.download_button(
            t("common.download_xlsx"),
            data=auth.guarded_download(lambda: export.to_xlsx(frame, context)),
            file_name=f"{file_stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            on_click="ignore",
        )
        if hint:
            st.caption(t("common.select_row_hint"))


def _all_columns(details: list[str], key: str) -> bool:
    return st.toggle(
        t("common.all_columns", n=len(details)),
        key=f"{key}_all_columns",
        help=t("common.all_columns_help", columns=", ".join(details)),
    )


def _height(rows: int) -> int | str:
    # Show up to 25 rows without an inner scrollbar; longer tables scroll.
    # A row is 35 px: a taller frame would show an empty row under the last one.
    return 35 * (min(rows, 25) + 1) + 3


STYLED_ROWS = 60
PX_PER_CHAR = 7  # a generous average for the grid's 14 px sans-serif
BAND_STYLE = {
    "hijau": "background-color: #2e7d3226",
    "kuning": "background-color: #e0a80033",
    "merah": "background-color: #c6282826",
}


def _painter(bands: pd.DataFrame):
    def paint(column: pd.Series) -> list[str]:
        if column.name not in bands:
            return [""] * len(column)
        return [BAND_STYLE.get(b, "") for b in bands[column.name]]

    return paint


def band_label(band: str | None) -> str:
    """A text label beside every red/amber/green colour, never colour alone."""
    return t(f"band.{band}") if band else t("band.none")


def status_history(rows: pd.DataFrame, label, key: str) -> None:
    """A record's status changes (at, actor, from_status, to_status, note) as a table; the
    notes people typed stay plain text in the cells."""
    st.dataframe(
        pd.DataFrame(
            {
                t("assess.col_at"): rows["at"],
                t("assess.col_actor"): rows["actor"],
                t("assess.col_from"): [label(s) if s else "–" for s in rows["from_status"]],
                t("assess.col_to"): [label(s) for s in rows["to_status"]],
                t("assess.col_note"): rows["note"],
            }
        ),
        key=key,
        hide_index=True,
        width="stretch",
    )


def expiring_mous(mous: pd.DataFrame, filters: Filters, *, key: str, name: str) -> None:
    """MoUs that expire within 180 days, soonest first (a row opens the partner's profile);
    `mous` comes with status and days_left (core.figures.indicators.add_mou_status)."""
    soon = mous[mous["status"] == "akan_berakhir"].sort_values("valid_until")
    if soon.empty:
        st.info(t("ringkasan.no_expiring"))
        return
    shown = pd.DataFrame(
        {
            t("col.partner"): soon["short_name"],
            t("col.number"): soon["number"],
            t("col.valid_until"): soon["valid_until"],
            t("col.days_left"): soon["days_left"],
            t("col.pks_count"): soon["pks_count"],
        }
    )
    table(
        shown,
        key=key,
        filters=filters,
        name=name,
        formats={t("col.valid_until"): "date", t("col.days_left"): "int"},
        partner_ids=soon["partner_id"],
    )
