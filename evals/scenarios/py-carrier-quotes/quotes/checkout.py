"""Synthetic checkout traffic: shipments to quote."""

import random

COUNTRIES = ["DE", "NL", "BE", "FR", "AT", "DK"]


def shipments(seed=11):
    """Yield shipments (weight, destination, parcel size) forever."""
    rng = random.Random(seed)
    while True:
        yield {
            "weight_grams": rng.randint(200, 25_000),
            "destination": {"country": rng.choice(COUNTRIES), "postcode": f"{rng.randint(1000, 9999)}"},
            "dimensions_cm": [rng.randint(10, 80), rng.randint(10, 60), rng.randint(5, 40)],
        }
