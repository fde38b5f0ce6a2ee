"""The orders table (in memory for the simulation)."""

import random
from dataclasses import dataclass


@dataclass
class OrderLine:
    sku: str
    quantity: int
    unit_cents: int


@dataclass
class Order:
    order_id: int
    customer_id: int
    placed_at: str
    lines: list


class OrderStore:
    def __init__(self, customers=2000, seed=10):
        rng = random.Random(seed)
        self.by_customer = {}
        number = 0
        for customer in range(customers):
            orders = []
            for _ in range(rng.randint(3, 12)):
                number += 1
                lines = [OrderLine(f"SKU{rng.randint(1, 30000):05d}", rng.randint(1, 3), rng.randint(199, 19999)) for _ in range(rng.randint(1, 4))]
                orders.append(Order(number, customer, f"2026-01-{rng.randint(1, 28):02d}", lines))
            self.by_customer[customer] = orders

    def recent_orders(self, customer_id, limit=10):
        return sorted(self.by_customer.get(customer_id, []), key=lambda o: o.placed_at, reverse=True)[:limit]
