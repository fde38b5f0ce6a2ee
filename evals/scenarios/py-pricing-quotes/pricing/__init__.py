"""Cart pricing."""
