"""Product review submissions."""
