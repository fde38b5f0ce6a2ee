"""Synthetic shop traffic."""

import random

from pricing.rules import REGIONS, TIERS


def make_catalogue(size=5000, seed=9):
    rng = random.Random(seed)
    return {
        f"P{number:05d}": {
            "price": round(rng.uniform(2, 400), 2),
            "category": f"cat-{rng.randint(1, 90)}",
            "weight_kg": round(rng.uniform(0.1, 6), 2),
        }
        for number in range(size)
    }


def carts(catalogue, seed=13):
    """Yield (cart, customer) pairs forever."""
    rng = random.Random(seed)
    skus = list(catalogue)
    while True:
        cart = [(rng.choice(skus), rng.randint(1, 3)) for _ in range(rng.randint(1, 8))]
        customer = {
            "id": rng.randint(1, 10**6),
            "tier": rng.choice(TIERS),
            "region": rng.choice(REGIONS),
            "employee": rng.random() < 0.02,
            "redeemed": [f"PROMO{rng.randint(0, 119):03d}" for _ in range(rng.randint(0, 2))],
        }
        yield cart, customer
