"""Synthetic POS order stream: a lunch rush over 40 tables and the takeaway counter."""

import random


def order_stream(menu, seed=33):
    """Yield (seconds until the order arrives, order) forever."""
    rng = random.Random(seed)
    codes = sorted(menu)
    number = 0
    while True:
        number += 1
        table = rng.choice([f"T{n:02d}" for n in range(1, 41)] + ["TAKEAWAY"] * 6)
        lines = []
        for _ in range(rng.randint(1, 8)):
            lines.append({"item": rng.choice(codes), "qty": rng.choice([1, 1, 1, 2, 3]), "notes": rng.choice(["", "", "no onions", "extra spicy", "gluten free"])})
        yield rng.uniform(0.001, 0.006), {"order": f"R{number:07d}", "table": table, "lines": lines, "rush": table == "TAKEAWAY"}
