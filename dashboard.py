"""Entry point: page config, the frame (database, filters, demo label) and navigation."""

import streamlit as st

from ui import frame

st.set_page_config(page_title="Pantau MoU PMI", page_icon="🤝", layout="wide")
frame.prepare()
frame.sidebar()
navigation = frame.navigation()
frame.open_requested_page()
frame.demo_note()
navigation.run()
