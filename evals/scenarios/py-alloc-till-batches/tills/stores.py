"""Synthetic stores and the batches their tills upload at the end of a day."""

from __future__ import annotations

import random
from collections.abc import Iterator

from tills.records import encode_record
from tills.wire import encode_batch


def _catalogue(rng: random.Random, size: int) -> list[tuple[str, int]]:
    return [(f"{rng.randrange(10**12, 10**13)}", rng.randrange(49, 4999)) for _ in range(size)]


def till_day(rng: random.Random, catalogue: list[tuple[str, int]], store: int, till: int,
             day: int, transactions: int) -> bytes:
    records = []
    seconds = 7 * 3600
    for seq in range(1, transactions + 1):
        seconds += rng.randrange(5, 40)
        kind = rng.choices((1, 2, 3, 4), weights=(90, 4, 4, 2))[0]
        items = []
        if kind != 4:
            for _ in range(rng.randrange(1, 6)):
                ean, price = catalogue[rng.randrange(len(catalogue))]
                items.append((ean, rng.randrange(1, 4), price))
        records.append(encode_record(seq, seconds, kind, rng.randrange(5), items))
    return encode_batch(store, till, day, records)


def uploads(seed: int = 7, stores: int = 40, tills: int = 8) -> Iterator[bytes]:
    """Yield the night's uploads: each till's day, big tills first, repeated for later days."""
    rng = random.Random(seed)
    catalogue = _catalogue(rng, 5000)
    # a till's journal is the same shape every day: build a pool and vary the header
    pool = [till_day(rng, catalogue, 0, 0, 0, rng.randrange(3000, 8000)) for _ in range(12)]
    day = 9500
    while True:
        for store in range(1, stores + 1):
            for till in range(1, tills + 1):
                body = pool[rng.randrange(len(pool))]
                header = encode_batch(store, till, day, [])[:16]
                count = body[12:16]
                yield header[:12] + count + body[16:]
        day += 1
