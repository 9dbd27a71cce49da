"""Streamlit side: the frame every page shares: state, cached reads, widgets, tables,
downloads, errors."""
