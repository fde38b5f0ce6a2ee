"""The label document a shelf label displays."""

from __future__ import annotations

import json
from decimal import Decimal

from shelflabels.pricebook import PriceChange

TEMPLATES = {None: "standard", "clearance": "red", "member": "member", "2for3": "multibuy"}


def unit_price(change: PriceChange) -> str:
    if change.unit in ("kg", "l"):
        return f"{change.price} / {change.unit}"
    return f"{change.price} {change.unit}"


def label_document(change: PriceChange) -> bytes:
    """Render the JSON body the gateway forwards to the label over radio."""
    doc = {
        "sku": change.sku,
        "template": TEMPLATES.get(change.promo, "promo"),
        "lines": [change.name.upper(), unit_price(change)],
        "price": str(change.price),
        "was": str(change.was) if change.was is not None else None,
        "saving": str((change.was - change.price).quantize(Decimal("0.01"))) if change.was else None,
        "aisle": change.aisle,
    }
    return json.dumps(doc, separators=(",", ":")).encode()
