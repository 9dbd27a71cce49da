"""The server: the dashboard (dashboard.py) with the two addresses that keep a signed-in
browser signed in across reloads, tabs and links (ui.accounts.session_routes); files made on a
download click stay fetchable while other people work (ui.frame.download_keep); what a closed
session held goes back to the system (ui.frame.session_release); what every viewer shares is
computed at start and after every change of the data, before anyone asks (ui.frame.warm).

    streamlit run app.py
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.accounts import session_routes
from ui.frame import download_keep, session_release, warm

download_keep.install()
session_release.install()
warm.install()
session_routes.MOUNTED = True
app = st.App(
    "dashboard.py",
    routes=session_routes.ROUTES,
    middleware=[Middleware(session_routes.BrowserMark)],
)
