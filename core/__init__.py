"""Pure logic: indicators, scoring, formatting and text; no Streamlit, no SQL."""
