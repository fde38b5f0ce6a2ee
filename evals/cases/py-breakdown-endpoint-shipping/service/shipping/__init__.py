"""Shipping API handlers."""
