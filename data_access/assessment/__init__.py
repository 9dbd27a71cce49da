"""Database access: self-assessment, its review and follow-up plans."""
