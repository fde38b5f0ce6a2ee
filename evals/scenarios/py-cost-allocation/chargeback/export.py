"""Synthetic billing exports: cost pools with the metered usage of the teams on them."""

from __future__ import annotations

import random

from chargeback.pools import CostPool, UsageRecord

RESOURCES = [
    "k8s-prod-eu", "k8s-prod-us", "k8s-batch", "pg-fleet", "redis-shared", "kafka-main",
    "cdn-edge", "object-store", "search-cluster", "ci-runners",
]
METRICS = {"cpu_core_hours": 1.0, "memory_gib_hours": 0.12, "storage_gib": 0.02, "egress_gib": 0.08}
TEAMS = [f"team-{name}" for name in (
    "checkout", "search", "catalog", "payments", "growth", "identity", "logistics", "support",
    "data", "ml", "mobile", "web", "pricing", "fraud", "notifications", "partners",
)]


class BillingExport:
    """Pools of 600-1,200 usage records (hourly meter readings of each team's workloads)."""

    def __init__(self, seed: int = 11):
        self._rng = random.Random(seed)
        self._month = 0

    def next_pool(self) -> CostPool:
        rng = self._rng
        self._month += 1
        pool = CostPool(
            resource=rng.choice(RESOURCES),
            period=f"2025-{self._month % 12 + 1:02d}",
            invoiced=round(rng.uniform(8_000, 90_000), 2),
        )
        metrics = list(METRICS.items())
        for _ in range(rng.randint(600, 1200)):
            team = rng.choice(TEAMS)
            metric, weight = rng.choice(metrics)
            pool.add(UsageRecord(
                team=team,
                cost_centre=f"cc-{TEAMS.index(team) % 7 + 100}",
                metric=metric,
                quantity=rng.uniform(0.1, 64.0),
                unit_weight=weight,
            ))
        return pool
