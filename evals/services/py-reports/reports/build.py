"""Build sales report documents."""

import random


def build_report(region, rows=400, seed=5):
    """Return a reproducible sales report document for a region."""
    rng = random.Random(f"{region}-{seed}")
    return {
        "region": region,
        "currency": "EUR",
        "lines": [
            {
                "sku": f"SKU-{rng.randint(0, 99999):05d}",
                "units": rng.randint(1, 500),
                "revenue_cents": rng.randint(100, 10_000_000),
                "tags": [rng.choice(["promo", "new", "clearance", "bundle"]) for _ in range(3)],
            }
            for _ in range(rows)
        ],
    }
