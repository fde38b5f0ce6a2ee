"""Appliance repair intake."""
