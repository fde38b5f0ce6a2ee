"""Customers, their debtor codes and open invoices (a synthetic copy of the receivables ledger)."""

import random


def load_customers(count=6000, seed=8):
    """Return customers by IBAN: debtor code, name and open invoices."""
    rng = random.Random(seed)
    customers = {}
    for number in range(count):
        iban = f"DE{rng.randint(10, 99)}{rng.randint(10**17, 10**18 - 1)}"
        code = f"{rng.choice('KDLMP')}{number:05d}"
        invoices = {f"{rng.randint(100000, 999999)}": rng.randint(1000, 500000) for _ in range(rng.randint(1, 6))}
        customers[iban] = {"iban": iban, "code": code, "name": f"Customer {number} AG", "open": invoices}
    return customers
