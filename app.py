"""The server: the dashboard (dashboard.py) with the two addresses that keep a signed-in
browser signed in across reloads, tabs and links (ui.session_routes).

    streamlit run app.py
"""

import streamlit as st

from ui import session_routes

session_routes.MOUNTED = True
app = st.App("dashboard.py", routes=session_routes.ROUTES)
