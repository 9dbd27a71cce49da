"""Impor Data: spreadsheets from regional offices and open-data portals, checked row by row,
previewed, then written all at once or not at all (admins)."""

import streamlit as st

from core.roles import Role
from ui import demo_view, importer, widgets
from ui.state import current, t, viewer

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
