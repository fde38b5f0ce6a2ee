"""The CRM mirror: contacts and accounts copied nightly from the CRM."""

import random
import sqlite3

PLANS = ("free", "team", "business", "enterprise")
DOMAINS = ("example.com", "mail.example.net", "corp.example.org", "shop.example.io")
FIRST = ("Ana", "Ben", "Chen", "Dara", "Eli", "Fatma", "Goran", "Hana", "Ivo", "Jule")
LAST = ("Meyer", "Novak", "Okafor", "Park", "Quinn", "Rossi", "Sato", "Tran", "Ueda", "Vega")

SCHEMA = """
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    plan TEXT NOT NULL,
    region TEXT NOT NULL
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    email TEXT NOT NULL,
    full_name TEXT NOT NULL,
    vip INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX contacts_email ON contacts(email);
CREATE INDEX contacts_account ON contacts(account_id);
"""


def build(accounts=6000, contacts_per_account=10, seed=3):
    """Return an in-memory mirror with generated accounts and contacts."""
    rng = random.Random(seed)
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(SCHEMA)
    db.executemany(
        "INSERT INTO accounts (id, name, plan, region) VALUES (?, ?, ?, ?)",
        (
            (i, f"Account {i}", rng.choice(PLANS), rng.choice(("eu", "us", "apac")))
            for i in range(1, accounts + 1)
        ),
    )
    rows = []
    n = 0
    for account in range(1, accounts + 1):
        for _ in range(rng.randint(1, contacts_per_account)):
            n += 1
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}.{last.lower()}{n}@{rng.choice(DOMAINS)}"
            rows.append((n, account, email, f"{first} {last}", int(rng.random() < 0.02)))
    db.executemany(
        "INSERT INTO contacts (id, account_id, email, full_name, vip) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    db.commit()
    return db


def sample_senders(db, count, seed=11):
    """Return sender addresses as they arrive in mail headers (mixed case, some unknown)."""
    rng = random.Random(seed)
    emails = [row[0] for row in db.execute("SELECT email FROM contacts")]
    out = []
    for _ in range(count):
        if rng.random() < 0.1:
            out.append(f"someone{rng.randint(1, 10**6)}@unknown.example")
            continue
        e = rng.choice(emails)
        out.append(e.capitalize() if rng.random() < 0.5 else e)
    return out
