"""Synthetic bank statement lines (camt.053 entries reduced to what the matcher reads)."""

import random

STYLES = [
    "INV-{code}-{number}",
    "RE {code}/{number}",
    "rg.{lower} {number} danke",
    "Rechnung {code} {number}",
    "{code} {number}",
    "payment {number}",
]


def statement_lines(customers, seed=4):
    """Yield incoming transfers forever, most of them for an open invoice."""
    rng = random.Random(seed)
    payers = list(customers.values())
    while True:
        customer = rng.choice(payers)
        number, amount = rng.choice(list(customer["open"].items()))
        text = rng.choice(STYLES).format(code=customer["code"], lower=customer["code"].lower(), number=number)
        yield {
            "iban": customer["iban"] if rng.random() < 0.97 else "DE00000000000000000000",
            "amount_cents": amount if rng.random() < 0.95 else amount - 1,
            "remittance": text,
            "booked": "2026-01-15",
        }
