"""A link from a reminder opens the exact report: /pelaporan?tahun=2026&triwulan=1 sets the
page's year and quarter once, then leaves the address (a reload keeps what the person chose
after it). A value that is not a year or a quarter is ignored."""

from __future__ import annotations

import streamlit as st

YEAR_KEY, QUARTER_KEY = "w_report_year", "w_report_quarter"
PARAMS = ("tahun", "triwulan")


def take() -> None:
    params = st.query_params
    wanted = {name: params.get(name, "").strip() for name in PARAMS}
    if not any(wanted.values()):
        return
    for name in PARAMS:
        if name in params:
            del params[name]
    year, quarter = wanted["tahun"], wanted["triwulan"]
    if year.isdigit() and len(year) == 4:
        st.session_state[YEAR_KEY] = int(year)
    if quarter in ("1", "2", "3", "4"):
        st.session_state[QUARTER_KEY] = int(quarter)
