"""Reverse geocoding of courier positions."""
