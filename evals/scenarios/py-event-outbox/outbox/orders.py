"""Synthetic accepted orders, as the checkout hands them over."""

import random

WAREHOUSES = ["ber-1", "ham-2", "muc-1", "cgn-3"]
CHANNELS = ["web", "ios", "android", "marketplace"]
STREETS = ["Hauptstrasse", "Gartenweg", "Lindenallee", "Bahnhofstrasse", "Schulstrasse", "Am Markt"]


def _address(rng):
    return {
        "name": f"Customer {rng.randint(1, 99999)}",
        "street": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
        "postal_code": f"{rng.randint(10000, 99999)}",
        "city": rng.choice(["Berlin", "Hamburg", "Munich", "Cologne", "Leipzig"]),
        "country": "DE",
    }


def _line(rng):
    return {
        "sku": f"SKU-{rng.randint(1, 4000):06d}",
        "quantity": rng.randint(1, 4),
        "unit_cents": rng.choice([999, 1499, 1999, 2499, 4999]),
        "currency": "EUR",
        "tax_rate": "0.19",
        "warehouse": rng.choice(WAREHOUSES),
        "status": "accepted",
        "size": rng.choice(["S", "M", "L", "XL"]),
        "gift_wrap": rng.random() < 0.1,
    }


def accepted_orders(seed=23, distinct=400):
    """Yield orders forever (the checkout's last few hundred orders, replayed with new ids)."""
    rng = random.Random(seed)
    pool = [
        {
            "channel": rng.choice(CHANNELS),
            "payment": rng.choice(["card", "paypal", "invoice"]),
            "customer": {"id": rng.randint(1, 10**6), "email": f"user{rng.randint(1, 10**6)}@example.com"},
            "shipping_address": _address(rng),
            "billing_address": _address(rng),
            "lines": [_line(rng) for _ in range(rng.randint(20, 90))],
            "notes": "",
        }
        for _ in range(distinct)
    ]
    number = 0
    while True:
        number += 1
        yield {"id": f"ORD-{number:08d}", **pool[number % distinct]}
