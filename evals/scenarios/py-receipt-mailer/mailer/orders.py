"""Synthetic paid orders from the order queue."""

import random
from datetime import datetime, timedelta, timezone

FIRST_NAMES = ["Ana", "Jonas", "Mia", "Luca", "Sofia", "Emil", "Noor", "Tomas"]
PRODUCTS = [
    ("Trail running shoes", 119.0),
    ("Merino base layer", 64.9),
    ("Trekking poles (pair)", 79.5),
    ("Headlamp 400 lm", 39.9),
    ("Dry bag 20 l", 24.0),
    ("Insulated bottle", 29.9),
]


def paid_orders(seed=21):
    """Yield paid orders forever, in the order they were paid."""
    rng = random.Random(seed)
    paid_at = datetime(2026, 1, 15, 8, 0, tzinfo=timezone.utc)
    number = 300_000
    while True:
        number += 1
        paid_at += timedelta(seconds=rng.randint(1, 40))
        name = rng.choice(FIRST_NAMES)
        yield {
            "number": f"AO-{number}",
            "name": name,
            "email": f"{name.lower()}.{number}@example.net",
            "currency": "EUR",
            "paid_at": paid_at,
            "items": [
                {"name": product, "quantity": rng.randint(1, 3), "unit_price": price}
                for product, price in rng.sample(PRODUCTS, rng.randint(1, 4))
            ],
        }
