"""listing-publisher: marketplace listings, checked and published."""
