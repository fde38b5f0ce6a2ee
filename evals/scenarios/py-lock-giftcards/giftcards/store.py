"""Client of the balance store's HTTP API (one keep-alive connection per worker thread)."""

import http.client
import json
import threading
import urllib.parse

TIMEOUT_SECONDS = 3.0


class BalanceStore:
    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self._local = threading.local()

    def _connection(self):
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)
        return connection

    def _call(self, method, path, body=None):
        connection = self._connection()
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload else {}
        try:
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            connection.close()
            self._local.connection = None
            raise
        if response.status == 404:
            return None
        if response.status >= 300:
            raise RuntimeError(f"balance store answered {response.status} to {method} {path}")
        return json.loads(data) if data else {}

    def get(self, card):
        """The card's account ({"balance", "pin", ...}) or None."""
        return self._call("GET", f"/v2/cards/{card}")

    def put(self, card, update):
        """Write the card's new balance."""
        return self._call("PUT", f"/v2/cards/{card}", update)
