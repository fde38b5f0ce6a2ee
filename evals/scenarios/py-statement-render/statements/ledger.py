"""Accounts and their transactions for one statement period."""

import random
from dataclasses import dataclass

MERCHANTS = ["GROCERY MARKT", "CITY TRANSIT", "COFFEE BAR", "ONLINE STORE", "PHARMACY", "FUEL STATION", "BOOKSHOP", "RESTAURANT"]


@dataclass
class Transaction:
    day: int
    description: str
    amount_cents: int


@dataclass
class Account:
    iban: str
    holder: str
    opening_cents: int
    transactions: list


def accounts(seed=31):
    """Yield accounts with a busy month of transactions each."""
    rng = random.Random(seed)
    number = 0
    while True:
        number += 1
        transactions = [
            Transaction(rng.randint(1, 28), f"{rng.choice(MERCHANTS)} {rng.randint(100, 999)}", rng.randint(-25000, 4000))
            for _ in range(rng.randint(9000, 12000))
        ]
        transactions.sort(key=lambda t: t.day)
        yield Account(f"DE{number:020d}", f"Customer {number}", rng.randint(0, 500000), transactions)
