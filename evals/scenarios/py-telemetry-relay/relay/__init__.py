"""Metric relay."""
