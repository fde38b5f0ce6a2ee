"""The broker connection; locally an in-memory stand-in that keeps the last messages."""

from collections import deque


class BrokerConnection:
    """Publishes encoded messages to topics."""

    def __init__(self, keep=500):
        self.sent = deque(maxlen=keep)
        self.bytes_out = 0
        self.published = 0

    def publish(self, topic, body, headers):
        """Send one message (here: remember it and count its bytes)."""
        self.sent.append((topic, headers, body))
        self.bytes_out += len(body)
        self.published += 1
