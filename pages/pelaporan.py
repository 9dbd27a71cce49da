"""Pelaporan: partners report their quarter (upload, then submit); verifiers approve it, return
it with a note, or reopen an approved one for a correction."""

import streamlit as st

from ui.frame import widgets
from ui.frame.state import current, t, viewer
from ui.reporting import report_link, reporting

f = current(__file__)
report_link.take()  # a reminder's link names the report
widgets.demo_banner()
st.title(t("report.title"))
st.caption(t("report.intro"))
f = reporting.report_year(f)
reporting.context_line(f)
reporting.notice()
me = viewer()
if me.is_partner:
    reporting.partner_view(me, f)
else:
    reporting.verifier_view(me, f)
