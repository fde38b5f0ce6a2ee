"""Synthetic baskets, as the basket page sends them."""

import random


def baskets(seed=31):
    """Yield carts forever."""
    rng = random.Random(seed)
    number = 0
    while True:
        number += 1
        yield {
            "id": f"cart-{number}",
            "lines": [
                {"sku": f"SKU-{rng.randint(1, 60000):06d}", "quantity": rng.randint(1, 3)}
                for _ in range(rng.randint(4, 24))
            ],
        }
