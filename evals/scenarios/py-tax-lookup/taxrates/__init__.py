"""Sales-tax rates."""
