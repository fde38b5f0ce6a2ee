"""Client of the carrier's label API (asynchronous: a label is a job that renders)."""

import http.client
import json
import socket
from urllib.parse import urlsplit


class CarrierError(Exception):
    pass


class CarrierClient:
    def __init__(self, base_url, account, timeout=5.0):
        parts = urlsplit(base_url)
        self._connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self._account = account
        self._connection.connect()
        self._connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _request(self, method, path, body=None):
        headers = {"X-Carrier-Account": self._account}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self._connection.request(method, path, body=payload, headers=headers)
        response = self._connection.getresponse()
        data = response.read()
        if response.status >= 400:
            raise CarrierError(f"{method} {path}: {response.status} {data[:200]!r}")
        return response, data

    def create_label(self, shipment):
        """Ask the carrier to render a label; return the job id."""
        _, data = self._request("POST", "/v2/labels", shipment)
        return json.loads(data)["job"]

    def label_status(self, job_id):
        _, data = self._request("GET", f"/v2/labels/{job_id}")
        return json.loads(data)

    def label_document(self, job_id):
        _, data = self._request("GET", f"/v2/labels/{job_id}/pdf")
        return data

    def close(self):
        self._connection.close()
