"""Price changes of the store: promotions starting and ending, and markdowns."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

AISLES = ["dairy", "bakery", "produce", "frozen", "drinks", "snacks", "household", "baby", "pet"]


@dataclass(frozen=True)
class PriceChange:
    sku: str
    label_id: str
    aisle: str
    name: str
    price: Decimal
    was: Decimal | None
    unit: str
    promo: str | None


class PriceBook:
    def __init__(self, store: str, seed: int = 3):
        self.store = store
        self._rng = random.Random(seed)
        self._prices: dict[str, Decimal] = {}

    def _sku(self) -> str:
        return f"{self._rng.randint(100000, 999999)}"

    def changes(self, count: int) -> Iterator[PriceChange]:
        """The price changes of one pricing run (a promotion batch from head office)."""
        rng = self._rng
        promo = rng.choice([None, "2for3", "weekend", "clearance", "member"])
        for _ in range(count):
            sku = self._sku()
            old = self._prices.get(sku, Decimal(rng.randint(49, 2999)) / 100)
            new = (old * Decimal(rng.choice(("0.8", "0.9", "1.05", "1.1")))).quantize(Decimal("0.01"))
            self._prices[sku] = new
            yield PriceChange(
                sku=sku,
                label_id=f"{self.store}-{sku}",
                aisle=rng.choice(AISLES),
                name=f"item {sku}",
                price=new,
                was=old if new < old else None,
                unit=rng.choice(("each", "kg", "l", "pack")),
                promo=promo if new < old else None,
            )
