"""search-indexer: keeps the product search index in step with the catalogue."""
