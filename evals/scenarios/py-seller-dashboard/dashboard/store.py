"""In-memory order store, partitioned by merchant (the production one is backed by Postgres)."""

from __future__ import annotations

from collections import defaultdict

from dashboard.orders import Order


class OrderStore:
    def __init__(self) -> None:
        self._by_merchant: dict[str, list[Order]] = defaultdict(list)
        self._count = 0

    def add(self, order: Order) -> None:
        self._by_merchant[order.merchant_id].append(order)
        self._count += 1

    def add_many(self, orders: list[Order]) -> None:
        for order in orders:
            self.add(order)

    def orders_of(self, merchant_id: str) -> list[Order]:
        """Return every order the merchant ever received, oldest first."""
        return self._by_merchant.get(merchant_id, [])

    def __len__(self) -> int:
        return self._count
