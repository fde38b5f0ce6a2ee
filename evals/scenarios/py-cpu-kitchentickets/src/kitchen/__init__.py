"""Kitchen ticket routing."""
