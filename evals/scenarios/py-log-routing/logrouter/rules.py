"""Tenants and their routing rules."""

import random
from dataclasses import dataclass

SERVICES = ["api", "web", "worker", "billing", "search", "auth", "cron", "mailer"]


@dataclass(frozen=True)
class Rule:
    service: str
    min_level: str
    sink: str


def load_tenants(count=2400, seed=21):
    """Return {tenant id: [Rule, ...]} for ``count`` tenants."""
    rng = random.Random(seed)
    tenants = {}
    for number in range(count):
        tenant = f"t{number:04d}.{rng.choice(['eu', 'us', 'ap'])}"
        tenants[tenant] = [
            Rule(service, rng.choice(["DEBUG", "INFO", "WARN", "ERROR"]), rng.choice(["archive", "alerting", "drop"]))
            for service in rng.sample(SERVICES, 3)
        ]
    return tenants
