"""Delivery of rendered messages to the outbound mail relay."""

import smtplib

TIMEOUT_SECONDS = 10
HELO_NAME = "receipts.shop.acme.example"


class DeliveryError(Exception):
    """The relay refused the message."""


class Outbox:
    """Hands messages to the relay over SMTP."""

    def __init__(self, host, port, sender):
        self.host = host
        self.port = port
        self.sender = sender
        self.bytes_sent = 0

    def deliver(self, message):
        """Send one message to its recipients through the relay."""
        with smtplib.SMTP(
            self.host, self.port, local_hostname=HELO_NAME, timeout=TIMEOUT_SECONDS
        ) as relay:
            refused = relay.send_message(message)
        if refused:
            raise DeliveryError(f"refused: {sorted(refused)}")
        self.bytes_sent += len(message.as_bytes())
