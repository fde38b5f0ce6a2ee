"""Synthetic catalogue change events, as the catalogue service publishes them."""

import random


def change_events(catalog, seed=2):
    """Yield change events forever: a full rebuild first (new analyzer), then the live changes."""
    rng = random.Random(seed)
    products = len(catalog.products)
    yield {"kind": "index.rebuild"}
    while True:
        roll = rng.random()
        if roll < 0.03:
            yield {"kind": "category.renamed", "category": rng.randint(1, 60)}
        elif roll < 0.10:
            yield {"kind": "brand.updated", "brand": rng.randint(1, 400)}
        else:
            yield {"kind": "product.updated", "product_id": rng.randint(1, products)}
