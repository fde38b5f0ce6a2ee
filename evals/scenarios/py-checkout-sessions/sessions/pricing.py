"""Negotiated price lists of the B2B customers."""

import random
from decimal import Decimal

ACCOUNTS = ["ACC-1001", "ACC-1002", "ACC-1003", "ACC-1004", "ACC-1005", "ACC-1006"]
CATALOGUE_SIZE = 2_500


def price_lists(seed=4):
    """{account: {sku: {"price", "tier_prices", "moq", "currency"}}} for every account."""
    rng = random.Random(seed)
    lists = {}
    for account in ACCOUNTS:
        discount = rng.uniform(0.05, 0.25)
        entries = {}
        for index in range(CATALOGUE_SIZE):
            base = rng.uniform(1.0, 400.0) * (1 - discount)
            entries[f"SKU-{index:05d}"] = {
                "price": Decimal(f"{base:.2f}"),
                "tier_prices": [(quantity, Decimal(f"{base * (1 - step):.2f}"))
                                for quantity, step in ((10, 0.03), (50, 0.06), (200, 0.1))],
                "moq": rng.choice([1, 1, 1, 5, 10]),
                "currency": "EUR",
            }
        lists[account] = entries
    return lists


def line_price(entry, quantity):
    """Unit price of a cart line at the quantity's tier."""
    price = entry["price"]
    for threshold, tier_price in entry["tier_prices"]:
        if quantity >= threshold:
            price = tier_price
    return price
