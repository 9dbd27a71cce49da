"""Streamlit side: notifications in the app and reminders by e-mail."""
