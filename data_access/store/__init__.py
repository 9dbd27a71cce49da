"""Database access: the shared store: engine, queries, access rules, visibility, change
counter, audit, backup, setup."""
