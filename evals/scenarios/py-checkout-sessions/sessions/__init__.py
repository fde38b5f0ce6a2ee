"""checkout-sessions: the B2B checkout flow."""
