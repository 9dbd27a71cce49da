"""Database access: engine, models, migrations, read functions and the demo-data loader."""
