"""Usage export import and billing aggregation."""
