"""Depot scan ingestion for parcels."""
