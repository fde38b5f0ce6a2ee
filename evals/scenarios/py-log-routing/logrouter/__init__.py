"""Multi-tenant log routing."""
