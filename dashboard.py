"""Entry point: page config, the frame (database, filters, demo label) and navigation."""

import streamlit as st

from ui import frame
from ui.state import t

st.set_page_config(page_title="Pantau MoU PMI", page_icon="🤝", layout="wide")
frame.prepare()
frame.sidebar()
pages = [
    st.Page("pages/ringkasan.py", title=t("nav.ringkasan"), icon="📊", default=True),
    st.Page("pages/nota_kesepahaman.py", title=t("nav.nota_kesepahaman"), icon="📜"),
    st.Page("pages/anggaran_pelatihan.py", title=t("nav.anggaran_pelatihan"), icon="💰"),
    st.Page("pages/cakupan_sosialisasi.py", title=t("nav.cakupan_sosialisasi"), icon="🏘️"),
    st.Page("pages/perbandingan_mitra.py", title=t("nav.perbandingan_mitra"), icon="🏆"),
    st.Page("pages/profil_mitra.py", title=t("nav.profil_mitra"), icon="🔎"),
]
navigation = st.navigation(pages)
frame.open_requested_page()
frame.demo_note()
navigation.run()
