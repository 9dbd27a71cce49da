"""Database access: notifications in the app and reminders by e-mail."""
