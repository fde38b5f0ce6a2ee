"""The product catalogue as the reconciler sees it."""

import random
from dataclasses import dataclass


@dataclass
class Product:
    sku: str
    name: str
    on_hand: int
    discontinued: bool = False


class Catalog:
    """Products by SKU plus the list of SKUs that may still be stocked."""

    def __init__(self, products):
        self.products = {p.sku: p for p in products}
        self.active_skus = [p.sku for p in products if not p.discontinued]

    def product(self, sku):
        return self.products[sku]


def load_catalog(size=24000, seed=7):
    """Return a reproducible catalogue of ``size`` products."""
    rng = random.Random(seed)
    products = []
    for number in range(size):
        sku = f"SKU-{number:06d}-{rng.choice('ABCDEFGH')}"
        products.append(
            Product(sku, f"item {number}", rng.randint(0, 500), discontinued=rng.random() < 0.05)
        )
    return Catalog(products)
