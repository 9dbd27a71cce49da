"""Kelengkapan Data: which partner reported which quarter, on time or late, what each report
holds, and figures that stand out for a verifier to confirm."""

import streamlit as st

from ui import completeness_view, widgets
from ui.state import current, t, viewer

f = current(__file__)
widgets.header("complete.title", f)
rows = completeness_view.overview(f)
completeness_view.kinds(rows, f)
completeness_view.flagged(viewer(), f)
st.caption(t("complete.footer"))
