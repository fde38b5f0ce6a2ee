"""Synthetic hourly usage exports (CSV text, as the platform writes them)."""

import random

PRODUCTS = ["compute.vcpu_hours", "compute.ram_gb_hours", "storage.gb_months", "network.egress_gb", "db.iops"]


def export_files(rows_per_file=4000, seed=12):
    """Yield CSV documents forever."""
    rng = random.Random(seed)
    hour = 0
    while True:
        hour += 1
        day, h = 1 + (hour // 24) % 28, hour % 24
        lines = ["event_id,customer,product,quantity,started_at,ended_at"]
        for number in range(rows_per_file):
            minute, second = rng.randrange(60), rng.randrange(60)
            start = f"2026-01-{day:02d} {h:02d}:{minute:02d}:{second:02d}"
            end = f"2026-01-{day:02d} {h:02d}:{minute:02d}:{min(59, second + rng.randrange(5)):02d}"
            lines.append(f"{hour}-{number},cust-{rng.randint(1, 900):04d},{rng.choice(PRODUCTS)},{rng.uniform(0.01, 8):.4f},{start},{end}")
        yield "\n".join(lines)
