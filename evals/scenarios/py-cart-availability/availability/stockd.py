"""Local stand-in of the warehouse stock service: same API, same latency as the real one."""

import json
import random
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

#: What a lookup costs the real service: network round trip plus its database query.
LATENCY_SECONDS = 0.0018
WAREHOUSES = ["ber-1", "ham-2", "muc-1", "cgn-3"]


def _stock(sku):
    rng = random.Random(sku)
    return {
        "sku": sku,
        "on_hand": rng.randint(0, 40),
        "warehouse": rng.choice(WAREHOUSES),
        "restock_days": rng.randint(2, 9),
    }


class StockHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):  # noqa: N802 (http.server's naming)
        url = urlsplit(self.path)
        time.sleep(LATENCY_SECONDS)
        if url.path == "/v1/stock":
            skus = parse_qs(url.query).get("skus", [""])[0].split(",")
            answer = {sku: _stock(sku) for sku in skus if sku}
        elif url.path.startswith("/v1/stock/"):
            answer = _stock(url.path.rsplit("/", 1)[1])
        else:
            self.send_error(404)
            return
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StockHandler)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    deadline = time.time() + float(sys.argv[1]) if len(sys.argv) > 1 else None
    server.timeout = 1
    while deadline is None or time.time() < deadline:
        server.handle_request()


if __name__ == "__main__":
    main()
