"""A product catalogue whose snapshot deep-copies every product on each request."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any


class Catalog:
    def __init__(self, size: int) -> None:
        self.products = [{"id": i, "tags": [str(i)] * 8, "price": i * 1.5} for i in range(size)]

    def snapshot(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self.products)

    def find(self, wanted: list[int]) -> list[dict[str, Any]]:
        return [p for p in self.products if p["id"] in wanted]


def digest(payload: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", payload, b"salt", 2000)


def render(catalog: Catalog, ids: list[int]) -> bytes:
    def encode(items: list[dict[str, Any]]) -> str:
        return json.dumps(items)

    by_price = sorted(catalog.find(ids), key=lambda p: -float(p["price"]))
    return digest(encode(by_price).encode()) + bytes(len(catalog.snapshot()))
