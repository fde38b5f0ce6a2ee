"""Stand-in for the store's shelf-label gateway (a separate process; not part of the service).

python -m shelflabels.gatewayd SECONDS   prints its port, serves until SECONDS have passed.
"""

from __future__ import annotations

import socketserver
import sys
import threading


class LabelHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        hello = self.rfile.readline()
        if not hello.startswith(b"HELLO"):
            return
        self.wfile.write(b"WELCOME\n")
        self.wfile.flush()
        while True:
            line = self.rfile.readline()
            if not line or line.startswith(b"BYE"):
                return
            _, label_id, length = line.split()
            body = self.rfile.read(int(length))
            if len(body) != int(length):
                return
            self.server.queued += 1
            self.wfile.write(b"ACK " + label_id + b"\n")
            self.wfile.flush()


class GatewayServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    queued = 0


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    server = GatewayServer(("127.0.0.1", 0), LabelHandler)
    print(server.server_address[1], flush=True)
    threading.Timer(seconds, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
