"""Seller payouts: instructions, signing and submission to the bank."""
