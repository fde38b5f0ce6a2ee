"""Feature-flag evaluation."""
