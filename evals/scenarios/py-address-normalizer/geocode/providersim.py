"""Local stand-in of the geocoding provider's API (python -m geocode.providersim SECONDS).

Prints its base URL on the first line of stdout, answers GET /v1/geocode?q=... with one result
after the latency the provider's API shows, and exits after SECONDS.
"""

import hashlib
import json
import random
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LATENCY_SECONDS = 0.012


class GeocodeHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        address = query.get("q", [""])[0]
        time.sleep(LATENCY_SECONDS * random.uniform(0.7, 1.4))
        digest = hashlib.sha1(address.encode()).digest()
        lat = 50.8 + digest[0] / 255 * 2.6
        lon = 3.4 + digest[1] / 255 * 3.6
        body = json.dumps({"results": [{"lat": round(lat, 6), "lon": round(lon, 6), "confidence": 0.9}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), GeocodeHandler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Timer(float(sys.argv[1]) if len(sys.argv) > 1 else 60, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
