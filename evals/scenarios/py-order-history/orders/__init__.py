"""Order history page backend."""
