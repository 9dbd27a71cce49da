"""Penilaian Mandiri: a partner rates its own MoU implementation; the agency verifies it."""

import streamlit as st

from ui.assessment import assessment, assessment_forms
from ui.frame import reads, widgets
from ui.frame.data import read
from ui.frame.state import current, t, viewer

f = current(__file__)
widgets.demo_banner()
st.title(t("assess.title"))
assessment.context_line(f)
me = viewer()
partner_id = assessment.choose_partner(me, f.year)
if partner_id is None:
    widgets.empty("common.no_partners")
detail = read(reads.assessment_reads.assessment_detail, partner_id=partner_id, year=f.year)
st.caption(t("assess.intro", year=f.year))
assessment.show_status(detail, f.lang)
if assessment.can_fill(me, partner_id, detail):
    assessment_forms.answer_form(me, partner_id, f.year, detail, f.lang)
elif assessment.can_review(me, detail):
    assessment_forms.review_form(me, partner_id, f.year, detail, f.lang)
else:
    assessment.items_table(detail, f)
