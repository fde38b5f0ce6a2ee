"""Supplier stock feed reconciliation."""
