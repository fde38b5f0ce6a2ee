"""address-normalizer: clean, geocode and zone delivery addresses."""
