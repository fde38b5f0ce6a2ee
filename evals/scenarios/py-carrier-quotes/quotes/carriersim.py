"""Local stand-in of the carriers' rate APIs (python -m quotes.carriersim SECONDS).

Prints its base URL on the first line of stdout, answers POST /<carrier>/rates with the
latency the carriers' sandboxes show, and exits after SECONDS.
"""

import json
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LATENCY_MS = {"dhl": 18, "ups": 25, "fedex": 22, "gls": 12, "dpd": 15, "postnl": 20}


class RatesHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        carrier = self.path.strip("/").split("/")[0]
        shipment = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        time.sleep(LATENCY_MS.get(carrier, 20) / 1000 * random.uniform(0.8, 1.3))
        weight = shipment["weight_grams"] / 1000
        body = json.dumps(
            {
                "carrier": carrier,
                "services": [
                    {"service": "standard", "price": round(4.5 + weight * 1.1, 2), "days": 3},
                    {"service": "express", "price": round(9.9 + weight * 2.3, 2), "days": 1},
                ],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RatesHandler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Timer(float(sys.argv[1]) if len(sys.argv) > 1 else 60, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
