"""Kelengkapan Data: which partner reported which quarter, on time or late, what each report
holds, and figures that stand out for a verifier to confirm."""

import streamlit as st

from ui.figures import completeness_view
from ui.frame import widgets
from ui.frame.state import current, t, viewer
from ui.reporting import reporting

f = current(__file__)
widgets.header("complete.title", f, with_period=False)
# The year of the report that is due, even before anyone has reported in it.
f = reporting.report_year(f, key="w_complete_year", open_on_due=True)
rows = completeness_view.overview(f)
completeness_view.kinds(rows, f)
completeness_view.flagged(viewer(), f)
st.caption(t("complete.footer"))
