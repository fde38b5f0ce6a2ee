"""Cost pools: one shared resource's invoice and the metered usage of every team on it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class UsageRecord:
    team: str
    cost_centre: str
    metric: str
    quantity: float
    unit_weight: float

    @property
    def weighted(self) -> float:
        return self.quantity * self.unit_weight


@dataclass
class CostPool:
    resource: str
    period: str
    invoiced: float
    records: list[UsageRecord] = field(default_factory=list)

    @property
    def total_usage(self) -> float:
        """Weighted usage of every team on the resource (the denominator of the split)."""
        total = 0.0
        for record in self.records:
            total += record.quantity * record.unit_weight
        return total

    def teams(self) -> set[str]:
        return {record.team for record in self.records}

    def add(self, record: UsageRecord) -> None:
        self.records.append(record)
