"""Streamlit-side helpers: session state, cached reads, chart builders and shared widgets."""
