"""Matching of bank transfers to open invoices."""
