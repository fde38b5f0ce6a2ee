"""Synthetic payout runs: what the ledger hands over every settlement cycle."""

import random


def payout_batches(seed=21, sellers=4000):
    """Yield payout runs of 40-120 sellers forever."""
    rng = random.Random(seed)
    run = 0
    while True:
        run += 1
        chosen = rng.sample(range(1, sellers + 1), rng.randint(40, 120))
        yield {
            "run_id": f"R{run:06d}",
            "payouts": [
                {
                    "seller_id": seller,
                    "seller_name": f"Seller {seller} GmbH",
                    "iban": f"DE{rng.randint(10, 99)}1001{seller:010d}{rng.randint(1000, 9999)}",
                    "bic": "ACMEDEFFXXX",
                    "amount_cents": rng.randint(500, 900000),
                    "currency": "EUR",
                }
                for seller in chosen
            ],
        }
