"""Streamlit side: the demo data set: loading it and removing it."""
