"""Gift card redemption."""
