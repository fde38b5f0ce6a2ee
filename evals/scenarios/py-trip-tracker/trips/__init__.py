"""Van trips from GPS pings."""
