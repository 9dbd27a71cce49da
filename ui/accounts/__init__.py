"""Streamlit side: accounts, passwords, sign-in, sessions, single sign-on, roles and the first
admin."""
