"""The proportional split of a cost pool between its teams, with finance's rounding rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from chargeback.pools import CostPool


@dataclass(frozen=True)
class Allocation:
    team: str
    cost_centre: str
    cents: int
    share: float


class Allocator:
    def __init__(self, minimum_charge: float):
        self.minimum_cents = round(minimum_charge * 100)

    def shares(self, pool: CostPool) -> dict[tuple[str, str], float]:
        """Each (team, cost centre)'s share of the pool's weighted usage."""
        shares: dict[tuple[str, str], float] = defaultdict(float)
        for record in pool.records:
            if pool.total_usage == 0:
                continue
            shares[(record.team, record.cost_centre)] += record.weighted / pool.total_usage
        return shares

    def allocate(self, pool: CostPool) -> list[Allocation]:
        """Split pool.invoiced in cents; minimum charge per team, remainder to the largest."""
        invoiced_cents = round(pool.invoiced * 100)
        shares = self.shares(pool)
        allocations = []
        for (team, centre), share in sorted(shares.items()):
            cents = max(self.minimum_cents, int(invoiced_cents * share))
            allocations.append(Allocation(team, centre, cents, share))
        if not allocations:
            return allocations
        remainder = invoiced_cents - sum(a.cents for a in allocations)
        largest = max(range(len(allocations)), key=lambda i: allocations[i].share)
        top = allocations[largest]
        allocations[largest] = Allocation(top.team, top.cost_centre, top.cents + remainder, top.share)
        return allocations
