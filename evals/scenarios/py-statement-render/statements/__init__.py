"""Monthly account statements."""
