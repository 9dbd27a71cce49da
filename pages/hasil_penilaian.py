"""Hasil Penilaian: self-assessment results against peers, the agency's overview and the
follow-up plans."""

import streamlit as st

from core.assessment import assessment_scores as scores
from core.assessment.instrument import load_instrument
from ui.assessment import assessment, assessment_results
from ui.frame import reads, widgets
from ui.frame.data import read
from ui.frame.state import current, t, viewer

f = current(__file__)
widgets.demo_banner()
st.title(t("results.title"))
assessment.context_line(f)
st.caption(t("results.intro", year=f.year))
me = viewer()
instrument = load_instrument()
levels = read(reads.assessment_reads.assessment_levels, years=(f.year - 1, f.year))
this_year = levels[levels["year"] == f.year]
table = scores.score_table(this_year, instrument)
if me.is_partner:
    assessment_results.partner_view(table, me, f)
else:
    before = scores.score_table(levels[levels["year"] == f.year - 1], instrument)
    overview = read(reads.assessment_reads.assessment_overview, year=f.year)
    assessment_results.leadership_view(table, before, overview, f)
assessment_results.plans(me, f, instrument, this_year)
