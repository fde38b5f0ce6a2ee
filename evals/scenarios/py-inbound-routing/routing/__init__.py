"""Inbound support e-mail routing."""
