"""Bahan Paparan: the briefing as slides in the browser, and as PowerPoint and PDF files."""

import streamlit as st

from ui import briefing_view, widgets
from ui.state import current, t

f = current(__file__)
widgets.demo_banner()
briefing = briefing_view.load(f)
if briefing.scored.empty:
    widgets.empty("common.no_partners")
if not briefing_view.presenting():
    st.caption(t("paparan.intro"))
    briefing_view.downloads(briefing, f)
    st.divider()
slide = briefing_view.controls()
briefing_view.show(briefing, f, slide)
