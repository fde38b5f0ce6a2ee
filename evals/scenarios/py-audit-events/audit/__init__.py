"""Back-office audit trail."""
