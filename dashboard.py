"""Entry point: page config, the frame (database, login, filters, demo label) and navigation."""

import streamlit as st

from ui import auth, errors, frame

st.set_page_config(page_title="Pantau MoU PMI", page_icon=":material/handshake:", layout="wide")
with errors.boundary():
    frame.prepare()
    if not auth.signed_in():
        frame.navigation(signed_in=False)
        auth.login_page()
        st.stop()
    frame.sidebar()
    navigation = frame.navigation()
    frame.open_requested_page()
    frame.demo_note()
    auth.logout_button()
    navigation.run()
