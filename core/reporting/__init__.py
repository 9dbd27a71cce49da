"""Pure logic: partners' quarterly reports: their layers and figures, comments, home tasks."""
