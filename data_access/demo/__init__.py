"""Database access: the demo data set: loading it and removing it."""
