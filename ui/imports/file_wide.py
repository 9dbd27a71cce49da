"""The values a file leaves to its title (partner, year, quarter), asked once for the whole
file on the import page, with what the title rows suggest."""

from __future__ import annotations

import hashlib

import streamlit as st

from core.imports.import_files import Sheet, read_sheet, sheet_names
from core.imports.importing import KINDS, lacking_file_wide
from core.imports.table_layout import Layout, period_from_title
from core.text import fmt
from data_access.figures import partners
from data_access.store.access import Viewer
from ui.frame.data import read
from ui.frame.state import Filters, t

SHEET_KEY = "g_import_sheet"


def sheet_of(name: str, data: bytes) -> Sheet:
    """The file read once per content and sheet (a rerun must not read 100,000 rows again);
    a workbook of several sheets asks which one holds the table."""
    digest = hashlib.sha256(data).hexdigest()
    names = sheet_names(name, data)
    index = 0
    if len(names) > 1:
        index = st.selectbox(
            t("import.sheet"),
            range(len(names)),
            format_func=lambda n: names[n],
            key=f"w_import_sheet_{digest[:12]}",
            help=t("import.sheet_help", n=len(names)),
        )
    key = f"{digest}:{index}"
    st.session_state[SHEET_KEY] = key
    return _read(f"{key}:{name.rsplit('.', 1)[-1].lower()}", name, data, index)


# Kept once per process for the last file read, not in every tab's session: a tab holds
# only its file's digest and its compact check (ui.imports.importer), so tabs left open with big
# files hold next to nothing; a tab whose file was pushed out reads it again at its next run.
@st.cache_resource(max_entries=1, ttl=900, show_spinner=False)
def _read(key: str, _name: str, _data: bytes, index: int) -> Sheet:
    return read_sheet(_name, _data, index)


def digest_of() -> str:
    """The digest and sheet position of the file sheet_of read last in this session."""
    return st.session_state.get(SHEET_KEY, "")


def tag_of() -> str:
    """A short name of the file and sheet for widget keys: the first 12 hex digits of the
    file's SHA-256 and the sheet's position (a1b2c3d4e5f6_0)."""
    digest, _, index = digest_of().partition(":")
    return f"{digest[:12]}_{index}"


def values(
    kind: str, layout: Layout, mapping: dict, viewer: Viewer, filters: Filters
) -> dict | None:
    """{field: value} for the partner, year and quarter fields no column of the file gives
    under `mapping` ({} when it gives them all), or None while one is still to be chosen."""
    lacking = lacking_file_wide(KINDS[kind], mapping)
    if not lacking:
        return {}
    suggested = period_from_title(layout.context)
    st.markdown(f"**{t('import.file_wide')}**")
    if suggested:
        st.caption(t("import.file_wide_suggested"))
    out: dict = {}
    for column, name in zip(st.columns(len(lacking)), lacking, strict=True):
        if name == "tahun":
            out[name] = column.number_input(
                t("col.year"),
                min_value=2000,
                max_value=2100,
                step=1,
                key="w_import_fixed_year",
                value=suggested.get("tahun", filters.year),
            )
        elif name == "triwulan":
            quarter = suggested.get("triwulan")
            out[name] = column.selectbox(
                t("filters.quarter"),
                [1, 2, 3, 4],
                key="w_import_fixed_quarter",
                index=None if quarter is None else quarter - 1,
                format_func=lambda q: fmt.quarter_name(q, filters.lang),
                placeholder=t("import.choose"),
            )
        else:
            out[name] = _partner(column, viewer)
    if any(v is None for v in out.values()):
        st.info(t("import.file_wide_missing"), icon=":material/info:")
        return None
    return out


def _partner(column, viewer: Viewer):
    known = read(partners.list_partners, viewer=viewer)
    if viewer.is_partner:  # its own partner only
        own = known[known["partner_id"] == viewer.partner_id]
        column.text_input(
            t("col.partner"),
            value=own["short_name"].iloc[0],
            disabled=True,
            key="w_import_fixed_own",
        )
        return own["code"].iloc[0]
    names = dict(zip(known["code"], known["short_name"], strict=True))
    return column.selectbox(
        t("col.partner"),
        list(names),
        index=None,
        key="w_import_fixed_partner",
        format_func=names.get,
        placeholder=t("import.choose"),
    )
