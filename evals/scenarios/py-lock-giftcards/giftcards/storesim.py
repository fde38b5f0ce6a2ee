"""Local stand-in of the balance store's API (python -m giftcards.storesim SECONDS).

Prints its base URL on the first line of stdout, answers GET and PUT /v2/cards/<number>
after the latency the store's API shows, and exits after SECONDS.
"""

import json
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from giftcards.traffic import card_pin

LATENCY_SECONDS = 0.004
_balances = {}
_mutex = threading.Lock()


class CardHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def _answer(self, status, document):
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        card = self.path.rsplit("/", 1)[-1]
        time.sleep(LATENCY_SECONDS * random.uniform(0.7, 1.4))
        with _mutex:
            balance = _balances.setdefault(card, "150.00")
        self._answer(200, {"card": card, "balance": balance, "pin": card_pin(card), "currency": "EUR"})

    def do_PUT(self):
        card = self.path.rsplit("/", 1)[-1]
        update = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        time.sleep(LATENCY_SECONDS * random.uniform(0.7, 1.4))
        with _mutex:
            _balances[card] = update["balance"]
        self._answer(200, {"card": card, "balance": update["balance"]})

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), CardHandler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Timer(float(sys.argv[1]) if len(sys.argv) > 1 else 60, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
