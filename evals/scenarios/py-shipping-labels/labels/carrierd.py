"""Local stand-in for the carrier's label API (answers like its sandbox).

POST /v2/labels            -> 202 {"job": id, "status": "queued"}
GET  /v2/labels/<id>       -> 200 {"status": "queued"|"rendering"|"ready", "tracking": ...}
GET  /v2/labels/<id>/pdf   -> 200 the label document (only once it is ready)

Rendering a label takes the carrier 15-45 ms. Run: python -m labels.carrierd SECONDS
"""

import json
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_jobs = {}
_jobs_lock = threading.Lock()
_rng = random.Random(5)


def _new_job(shipment):
    with _jobs_lock:
        job_id = f"lbl_{len(_jobs) + 1:08d}"
        ready_at = time.monotonic() + _rng.uniform(0.015, 0.045)
        _jobs[job_id] = {"shipment": shipment, "ready_at": ready_at}
    return job_id


class CarrierHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # quiet
        pass

    def _send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        shipment = json.loads(self.rfile.read(length) or b"{}")
        if self.path != "/v2/labels":
            self._send(404, {"error": "not found"})
            return
        self._send(202, {"job": _new_job(shipment), "status": "queued"})

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        if len(parts) < 3 or parts[:2] != ["v2", "labels"]:
            self._send(404, {"error": "not found"})
            return
        with _jobs_lock:
            job = _jobs.get(parts[2])
        if job is None:
            self._send(404, {"error": "unknown job"})
            return
        ready = time.monotonic() >= job["ready_at"]
        if len(parts) == 4 and parts[3] == "pdf":
            if not ready:
                self._send(409, {"error": "not ready"})
                return
            shipment = job["shipment"]
            pdf = b"%PDF-1.4 label " + json.dumps(shipment).encode() + b" " * 2048
            self._send(200, pdf, "application/pdf")
            return
        status = "ready" if ready else "rendering"
        self._send(200, {"job": parts[2], "status": status, "tracking": "1Z" + parts[2][-8:]})


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), CarrierHandler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(seconds, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
