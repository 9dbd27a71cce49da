"""Pure logic: notifications in the app and reminders by e-mail."""
