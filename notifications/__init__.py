"""Reminders by e-mail: `python -m notifications run` sends what is due now (README,
"Reminders by e-mail")."""
