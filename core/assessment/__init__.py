"""Pure logic: self-assessment, its review and follow-up plans."""
