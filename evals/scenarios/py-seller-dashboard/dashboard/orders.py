"""Order records of the marketplace, and the synthetic history the service starts from."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

CHANNELS = ("web", "ios", "android", "pos", "partner")
CATEGORIES = ("apparel", "home", "garden", "toys", "books", "beauty", "sports", "electronics")
STATUSES = ("paid", "paid", "paid", "paid", "paid", "paid", "refunded", "partially_refunded")


@dataclass(slots=True)
class Order:
    order_id: int
    merchant_id: str
    placed_on: date
    channel: str
    category: str
    status: str
    items: int
    gross_cents: int
    refunded_cents: int
    shipping_cents: int
    fee_rate_bp: int


def merchant_ids(count: int = 8) -> list[str]:
    """Return the dashboard's merchants (a small set of large sellers)."""
    return [f"m-{1000 + i}" for i in range(count)]


class OrderFactory:
    """Makes orders that look like the marketplace's production traffic."""

    def __init__(self, seed: int = 2026):
        self._rng = random.Random(seed)
        self._next_id = 1

    def make(self, merchant_id: str, placed_on: date) -> Order:
        rng = self._rng
        status = rng.choice(STATUSES)
        gross = rng.randint(900, 48_000)
        if status == "refunded":
            refunded = gross
        elif status == "partially_refunded":
            refunded = gross * rng.randint(10, 60) // 100
        else:
            refunded = 0
        order = Order(
            order_id=self._next_id,
            merchant_id=merchant_id,
            placed_on=placed_on,
            channel=rng.choice(CHANNELS),
            category=rng.choice(CATEGORIES),
            status=status,
            items=rng.randint(1, 6),
            gross_cents=gross,
            refunded_cents=refunded,
            shipping_cents=rng.choice((0, 0, 499, 699, 999)),
            fee_rate_bp=rng.choice((800, 1000, 1200, 1500)),
        )
        self._next_id += 1
        return order

    def history(self, merchants: list[str], days: int, per_day: int, today: date) -> list[Order]:
        """Return `days` days of orders for every merchant, oldest first."""
        orders = []
        for offset in range(days, 0, -1):
            day = today - timedelta(days=offset)
            for merchant in merchants:
                for _ in range(per_day):
                    orders.append(self.make(merchant, day))
        return orders
