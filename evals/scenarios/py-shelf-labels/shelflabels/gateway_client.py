"""Client of the store's shelf-label gateway.

The gateway speaks a small line protocol over one long-lived TCP connection:

    LABEL <label id> <body length>\\n      followed by the body (the label's JSON document)
    ACK <label id>\\n                      once the gateway has queued the label for its radio

One connection per store is opened at start-up and reused for every label.
"""

from __future__ import annotations

import socket


class GatewayError(RuntimeError):
    pass


class ShelfGatewayClient:
    def __init__(self, host: str, port: int, store: str, timeout: float = 5.0):
        self.store = store
        self._address = (host, port)
        self._timeout = timeout
        self._sock: socket.socket | None = None
        self._reader = None
        self.sent = 0

    def connect(self) -> None:
        self._sock = socket.create_connection(self._address, timeout=self._timeout)
        self._reader = self._sock.makefile("rb")
        self._sock.sendall(f"HELLO {self.store}\n".encode())
        greeting = self._reader.readline()
        if not greeting.startswith(b"WELCOME"):
            raise GatewayError(f"unexpected greeting {greeting!r}")

    def push_label(self, label_id: str, body: bytes) -> None:
        """Send one label document and wait until the gateway has queued it."""
        if self._sock is None:
            self.connect()
        header = f"LABEL {label_id} {len(body)}\n".encode()
        self._sock.sendall(header)
        self._sock.sendall(body)
        reply = self._reader.readline()
        if reply.strip() != f"ACK {label_id}".encode():
            raise GatewayError(f"label {label_id}: gateway answered {reply!r}")
        self.sent += 1

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.sendall(b"BYE\n")
            finally:
                self._reader.close()
                self._sock.close()
                self._sock = None
