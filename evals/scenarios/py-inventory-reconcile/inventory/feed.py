"""Supplier feed batches (what the suppliers' SFTP drops contain)."""

import random


def feed_batches(catalog, batch_size=150, seed=11):
    """Yield batches of feed rows: mostly known SKUs, a few unknown ones."""
    rng = random.Random(seed)
    skus = list(catalog.products)
    while True:
        batch = []
        for _ in range(batch_size):
            if rng.random() < 0.03:
                sku = f"SKU-{rng.randint(900000, 999999):06d}-X"
            else:
                sku = rng.choice(skus)
            batch.append({"sku": sku, "quantity": rng.randint(0, 500), "supplier": rng.randint(1, 40)})
        yield batch
