"""Streamlit side: self-assessment, its review and follow-up plans."""
