"""Supplier price file intake."""
