"""Entry point: page config, the frame (database, login, filters, demo label) and navigation."""

from pathlib import Path

import streamlit as st

from ui.accounts import account_forms, auth, visitor
from ui.frame import errors, frame
from ui.reporting import home_view

# The browser tab's icon is a file of the app's own: a Material icon here would be fetched
# from the internet.
ICON = Path(__file__).resolve().parent / "ui" / "assets" / "icon.png"
st.set_page_config(page_title="Pantau MoU PMI", page_icon=str(ICON), layout="wide")
with errors.boundary():
    frame.prepare()
    if not auth.signed_in():
        frame.navigation(signed_in=False)
        if account_forms.first_admin_needed():
            account_forms.first_admin_page()
        else:
            auth.login_page()
        st.stop()
    if visitor.handing_over():
        frame.navigation(signed_in=False)
        visitor.opening_note()
        st.stop()
    if account_forms.must_change_password():
        frame.navigation(signed_in=False)
        auth.logout_button()
        account_forms.change_password_page()
        st.stop()
    account_forms.password_changed_note()
    frame.sidebar()
    navigation = frame.navigation()
    frame.open_requested_page()
    frame.demo_note()
    frame.widget_words()
    frame.close_sidebar_on_phone(navigation.url_path)
    auth.logout_button()
    if auth.allowed(home_view.HOME_PAGE):
        home_view.sidebar_unread()
    navigation.run()
