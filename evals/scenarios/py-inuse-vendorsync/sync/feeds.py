"""Synthetic supplier uploads: what the upload bucket's notifications deliver."""

import gzip
import random
from dataclasses import dataclass

SUPPLIERS = [f"SUP-{n:04d}" for n in range(1, 61)]
CURRENCIES = ["EUR", "EUR", "EUR", "USD", "GBP", "CHF", "PLN"]
HEADER = "sku;supplier_sku;description;unit;pack_size;currency;net_price;valid_from;moq"


@dataclass
class Upload:
    """One uploaded price file."""

    supplier: str
    name: str
    body: bytes  # gzip-compressed CSV


def _price_file(rng, supplier, rows):
    lines = [HEADER]
    broken = rng.random() < 0.15
    bad_row = rng.randrange(rows) if broken else -1
    for number in range(rows):
        sku = rng.randint(100000, 119999)
        price = f"{rng.uniform(0.2, 900):.2f}"
        if number == bad_row:
            price = rng.choice(["", "n/a", "12,50", "-3.00"])
        lines.append(
            ";".join(
                [
                    f"AC-{sku}",
                    f"{supplier}-{rng.getrandbits(32):08x}",
                    f"Article {sku} {rng.choice(['steel', 'brass', 'nylon', 'oak', 'pvc'])} {rng.randint(2, 90)} mm",
                    rng.choice(["pc", "box", "m", "kg", "roll"]),
                    str(rng.choice([1, 1, 5, 10, 25, 100])),
                    rng.choice(CURRENCIES),
                    price,
                    f"2026-{rng.randint(1, 12):02d}-01",
                    str(rng.choice([1, 1, 10, 50])),
                ]
            )
        )
    return "\n".join(lines).encode("utf-8")


def supplier_uploads(seed=41):
    """Yield uploads forever, in the order the bucket notifies them."""
    rng = random.Random(seed)
    number = 0
    while True:
        supplier = rng.choice(SUPPLIERS)
        number += 1
        body = gzip.compress(_price_file(rng, supplier, rng.randint(1500, 3000)), compresslevel=1)
        yield Upload(supplier, f"{supplier}/prices-{number:06d}.csv.gz", body)
