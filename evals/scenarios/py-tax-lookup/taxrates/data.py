"""The rate table as exported by finance: region,postal_prefix,category,rate,valid_from."""

import random

REGIONS = ["CA", "NY", "TX", "WA", "FL", "IL", "PA", "OH", "GA", "NC"]
CATEGORIES = ["general", "food", "clothing", "digital", "medical", "books"]


def rate_table_csv(seed=33):
    rng = random.Random(seed)
    rows = ["region,postal_prefix,category,rate,valid_from"]
    for region in REGIONS:
        for prefix in range(100, 180):
            for category in CATEGORIES:
                rows.append(f"{region},{prefix},{category},{rng.uniform(0, 0.11):.4f},2025-07-01")
    return "\n".join(rows) + "\n"
