"""The chargeback ledger: posted cents per cost centre and per (period, resource)."""

from __future__ import annotations

from collections import Counter

from chargeback.allocate import Allocation
from chargeback.pools import CostPool


class Ledger:
    def __init__(self):
        self.by_centre: Counter[str] = Counter()
        self.by_resource: Counter[tuple[str, str]] = Counter()
        self.entries = 0

    def post(self, pool: CostPool, allocations: list[Allocation]) -> None:
        for allocation in allocations:
            self.by_centre[allocation.cost_centre] += allocation.cents
            self.by_resource[(pool.period, pool.resource)] += allocation.cents
            self.entries += 1
        if len(self.by_resource) > 5000:
            self.by_resource.clear()

    def largest(self, n: int = 3) -> list[tuple[str, int]]:
        return self.by_centre.most_common(n)

    def total_cents(self) -> int:
        return sum(self.by_centre.values())
