"""Synthetic gateway traffic: mostly valid keys, some revoked or mistyped ones."""

import random

from tokenauth.keys import issue_key

SCOPES = ["orders:read", "orders:write", "catalog:read", "payouts:read", "webhooks:manage"]


def provision(count=40, seed=2):
    rng = random.Random(seed)
    keys, records = [], {}
    for number in range(count):
        key, record = issue_key(f"k{number:03d}", f"partner-{number}", rng.sample(SCOPES, 2))
        keys.append(key)
        records[record.key_id] = record
    return keys, records


def headers(keys, seed=8):
    rng = random.Random(seed)
    while True:
        key = rng.choice(keys)
        if rng.random() < 0.02:
            key = key[:-2] + "xx"
        yield {"Authorization": f"Bearer {key}", "X-Request-Path": rng.choice(["/v1/orders", "/v1/catalog", "/v1/payouts"])}
