"""Local stand-in of the event bus's HTTP ingest (python -m reviews.bussim SECONDS).

Prints its base URL on the first line of stdout, answers POST /topics/<topic> with the offsets
of the records, and exits after SECONDS.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_offsets = {}
_mutex = threading.Lock()


class IngestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self):
        topic = self.path.rsplit("/", 1)[-1]
        records = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))["records"]
        with _mutex:
            start = _offsets.get(topic, 0)
            _offsets[topic] = start + len(records)
        body = json.dumps({"offsets": list(range(start, start + len(records)))}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), IngestHandler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Timer(float(sys.argv[1]) if len(sys.argv) > 1 else 60, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
