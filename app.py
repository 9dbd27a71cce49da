"""The server: the dashboard (dashboard.py) with the two addresses that keep a signed-in
browser signed in across reloads, tabs and links (ui.session_routes); files made on a
download click stay fetchable while other people work (ui.download_keep); what a closed
session held goes back to the system (ui.session_release); what every viewer shares is
computed at start and after every change of the data, before anyone asks (ui.warm).

    streamlit run app.py
"""

import streamlit as st
from starlette.middleware import Middleware

from ui import download_keep, session_release, session_routes, warm

download_keep.install()
session_release.install()
warm.install()
session_routes.MOUNTED = True
app = st.App(
    "dashboard.py",
    routes=session_routes.ROUTES,
    middleware=[Middleware(session_routes.BrowserMark)],
)
