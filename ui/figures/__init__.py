"""Streamlit side: the figures: budgets, training, socialization, outcomes, MoUs, periods,
scorecard, completeness."""
