"""A fault-injecting HTTP server on 127.0.0.1: whatever a broken Pyroscope or proxy answers.

Tests give it a behaviour (a function from the request to a :class:`Reply`) and read back how
many requests each fault saw. A reply may wait, trickle its body, cut it short, reset the
connection or never answer, so every way a server can fail reaches the client for real, over
a socket. Started and stopped by the tests; it binds to loopback only.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


class _QuietServer(ThreadingHTTPServer):
    """An HTTP server that keeps a client's hang-up out of the test output.

    Hanging and resetting faults end with the client gone mid-answer; ``http.server`` would
    print each as an exception report.
    """

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any
    ) -> None:
        """Ignore a client that went away; report anything else as usual."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


@dataclass(frozen=True)
class Seen:
    """One request as the server read it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Reply:
    """What to send back, and how."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    wait: float = 0.0
    """Seconds before anything is sent."""
    drip: float = 0.0
    """Seconds between the bytes of the body (0: all at once)."""
    declared: int | None = None
    """Content-Length to declare (more than sent: the body is cut short)."""
    reset: bool = False
    """Close the connection with a reset instead of answering."""


Behaviour = Callable[[Seen], Reply]


class FaultServer:
    """An HTTP server whose every answer is the behaviour's, counting requests per fault."""

    def __init__(self) -> None:
        """Prepare the server (answers 404 until a behaviour is set)."""
        self.seen: Counter[str] = Counter()
        self.requests: list[Seen] = []
        self._behaviour: Behaviour = lambda request: Reply(404, b"no behaviour set")
        self._fault = "none"
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                server._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        self._http = _QuietServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Return the base URL."""
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def behave(self, fault: str, behaviour: Behaviour) -> None:
        """Answer every request with ``behaviour``, counted under ``fault``."""
        with self._lock:
            self._fault = fault
            self._behaviour = behaviour

    def __enter__(self) -> FaultServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop serving and release the port."""
        self._stopping.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        request = Seen(
            handler.command,
            handler.path,
            {k.lower(): v for k, v in handler.headers.items()},
            body,
        )
        with self._lock:
            self.seen[self._fault] += 1
            self.requests.append(request)
            behaviour = self._behaviour
        reply = behaviour(request)
        if reply.wait and self._stopping.wait(reply.wait):
            return
        if reply.reset:
            # SO_LINGER 0: close() sends a reset, as a crashed proxy does.
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.close_connection = True
            return
        handler.send_response(reply.status)
        declared = reply.declared if reply.declared is not None else len(reply.body)
        headers = {"Content-Length": str(declared), **reply.headers}
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        try:
            if reply.drip:
                for byte in reply.body:
                    if self._stopping.wait(reply.drip):
                        return
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
            else:
                handler.wfile.write(reply.body)
        except OSError:
            return  # the client gave up: what the fault is for
        if declared != len(reply.body):
            handler.close_connection = True


def wait_until(predicate: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Return whether ``predicate`` became true within ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
