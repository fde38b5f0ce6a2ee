"""Partner API key authentication."""
