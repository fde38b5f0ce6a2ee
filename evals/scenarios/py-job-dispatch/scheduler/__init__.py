"""Background job dispatch."""
