"""Order events to the message broker."""
