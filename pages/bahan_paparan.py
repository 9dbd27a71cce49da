"""Bahan Paparan: the briefing as slides in the browser, and as PowerPoint and PDF files."""

import streamlit as st

from ui.figures import briefing_view
from ui.frame import widgets
from ui.frame.state import current, t

f = current(__file__)
presenting = briefing_view.presenting()
if not presenting:
    widgets.demo_banner()
briefing = briefing_view.load(f)
if briefing.scored.empty:
    widgets.empty("common.no_partners")
if not presenting:
    st.caption(t("paparan.intro"))
    briefing_view.downloads(briefing, f)
    st.divider()
slides = briefing_view.slides(briefing)
slide = briefing_view.controls(len(slides))
briefing_view.show(briefing, f, slides[slide], presenting)
