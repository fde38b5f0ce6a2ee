"""Synthetic sellers' listings."""

import random

PREFIXES = ["KIT", "HOM", "GRD", "TOY", "OUT", "ELC", "BKS"]
NOUNS = ["kettle", "lamp", "hose", "drone", "tent", "charger", "atlas", "blender", "rake", "puzzle"]
ADJECTIVES = ["compact", "cordless", "vintage", "solar", "foldable", "premium", "kids"]
CURRENCIES = ["EUR", "EUR", "EUR", "GBP", "SEK", "PLN", "CHF"]


def _listing(rng, index):
    currency = rng.choice(CURRENCIES)
    scale = {"SEK": 11, "PLN": 4}.get(currency, 1)
    return {
        "sku": f"{rng.choice(PREFIXES)}-{index:05d}",
        "title": f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS)} {rng.randint(1, 900)}",
        "currency": currency,
        "price": f"{rng.uniform(2, 400) * scale:.2f}",
        "condition": rng.choice(["new", "new", "refurbished", "used-good"]),
        "tags": rng.sample(NOUNS + ADJECTIVES, rng.randint(1, 6)),
        "stock": rng.randint(0, 250),
    }


def seed_listings(count, seed=5):
    """The catalogue as it is when the service starts."""
    rng = random.Random(seed)
    return [_listing(rng, index) for index in range(count)]


def submissions(seed=9):
    """Yield sellers' submissions forever: mostly updates of listings, some new ones."""
    rng = random.Random(seed)
    index = 4_000
    while True:
        if rng.random() < 0.3:
            index += 1
            yield _listing(rng, index)
        else:
            yield _listing(rng, rng.randrange(4_000))
