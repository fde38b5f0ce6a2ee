"""Shipping-rate quotes."""
