"""Deterministic, illustrative demo data for the 21 MoU partners."""
