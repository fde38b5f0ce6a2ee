"""Client of the warehouse stock service's HTTP API (JSON over a kept-alive connection)."""

import http.client
import json
from urllib.parse import urlsplit


class StockClient:
    """GET /v1/stock/<sku> for one SKU, GET /v1/stock?skus=a,b,c for many."""

    def __init__(self, base_url, timeout=2.0):
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)

    def _get(self, path):
        self.connection.request("GET", path, headers={"Accept": "application/json"})
        response = self.connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"stock service answered {response.status} for {path}")
        return json.loads(body)

    def level(self, sku):
        """Return the stock of one SKU: {"on_hand": n, "warehouse": code, "restock_days": d}."""
        return self._get(f"/v1/stock/{sku}")

    def levels(self, skus):
        """Return the stock of many SKUs in one request, keyed by SKU."""
        return self._get("/v1/stock?skus=" + ",".join(skus))

    def close(self):
        self.connection.close()
