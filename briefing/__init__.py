"""Briefing files (PowerPoint deck, PDF) built from the same figures as the pages."""
