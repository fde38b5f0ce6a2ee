"""Cart availability and delivery promises."""
