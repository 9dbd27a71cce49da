"""Database access: files in: reading, column mapping, checks, plans and applying imports."""
