"""The product catalogue as the indexer sees it (synthetic)."""

import random

WORDS = [
    "soft",
    "cotton",
    "slim",
    "fit",
    "waterproof",
    "lightweight",
    "leather",
    "classic",
    "organic",
    "wool",
    "stretch",
    "denim",
    "running",
]


class Catalog:
    """Products with category and brand, and the documents the index is built from."""

    def __init__(self, products, seed=9):
        rng = random.Random(seed)
        self.categories = {}
        self.brands = {}
        self.products = {}
        for product_id in range(1, products + 1):
            category = rng.randint(1, 60)
            brand = rng.randint(1, 400)
            self.products[product_id] = (category, brand, rng.randint(199, 49999))
            self.categories.setdefault(category, []).append(product_id)
            self.brands.setdefault(brand, []).append(product_id)

    def in_category(self, category):
        """Return the ids of the products of a category."""
        return self.categories.get(category, [])

    def of_brand(self, brand):
        """Return the ids of the products of a brand."""
        return self.brands.get(brand, [])

    def document(self, product_id):
        """Return the searchable document of a product."""
        category, brand, price = self.products[product_id]
        words = [WORDS[(product_id * 7 + i) % len(WORDS)] for i in range(4)]
        return {
            "title": f"{words[0]} {words[1]} item {product_id}",
            "brand": f"brand{brand}",
            "category": f"category{category}",
            "description": " ".join(words),
            "price_cents": price,
        }
