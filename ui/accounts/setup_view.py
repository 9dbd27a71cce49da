"""The setup checklist at the top of the registry page: what a real agency still lacks
before the dashboard shows anything, each step with where it is done."""

from __future__ import annotations

import streamlit as st

from core.text import fmt
from data_access.accounts import first_run
from ui.frame.data import read
from ui.frame.state import Filters, t

STEPS = ("areas", "partners", "mous", "pks", "items", "targets", "operators", "staff")


def checklist(f: Filters) -> None:
    counts = read(first_run.setup_counts)
    done = [step for step in STEPS if counts[step] > 0]
    title = t("setup.checklist", done=len(done), total=len(STEPS))
    with st.expander(title, expanded=len(done) < len(STEPS), icon=":material/checklist:"):
        for step in STEPS:
            mark = ":material/check_circle:" if step in done else ":material/pending:"
            st.markdown(f"{mark} {t(f'setup.step_{step}', n=fmt.number(counts[step], f.lang))}")
        st.page_link(
            "pages/profil_mitra.py", label=t("setup.to_profile"), icon=":material/person_search:"
        )
