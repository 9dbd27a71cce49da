"""Impor Data: spreadsheets from regional offices and open-data portals, checked row by row,
previewed, then written all at once or not at all (admins)."""

import streamlit as st

from core.accounts.roles import Role
from ui.demo import demo_view
from ui.frame import widgets
from ui.frame.state import current, t, viewer
from ui.imports import importer

f = current(__file__)
widgets.demo_banner()
st.title(t("import.title"))
st.caption(t("import.intro"))
me = viewer()
if me.role != Role.ADMIN:
    st.error(t("import.admins_only"))
    st.stop()
importer.run(me, f)
demo_view.removal(me, f.lang)
