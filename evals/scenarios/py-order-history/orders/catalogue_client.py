"""Client of the catalogue service.

The simulation answers locally after the configured network round trip, with
the same JSON body the real service returns.
"""

import json
import os
import time

ROUND_TRIP_S = float(os.environ.get("CATALOGUE_LATENCY_MS", "3")) / 1000


class CatalogueClient:
    def __init__(self, base_url="http://catalogue.internal:8080"):
        self.base_url = base_url
        self.requests = 0

    def _get(self, path):
        self.requests += 1
        time.sleep(ROUND_TRIP_S)  # the HTTP round trip
        sku = path.rsplit("/", 1)[-1]
        number = int(sku[3:])
        body = json.dumps({"sku": sku, "title": f"Product {number}", "image": f"/img/{number}.jpg", "ships_in_days": number % 5 + 1})
        return json.loads(body)

    def product(self, sku):
        """GET /v2/products/{sku}"""
        return self._get(f"/v2/products/{sku}")

    def products(self, skus):
        """GET /v2/products?sku=a&sku=b... (one round trip for many SKUs)"""
        self.requests += 1
        time.sleep(ROUND_TRIP_S)
        return {sku: {"sku": sku, "title": f"Product {int(sku[3:])}", "image": f"/img/{int(sku[3:])}.jpg", "ships_in_days": int(sku[3:]) % 5 + 1} for sku in skus}
