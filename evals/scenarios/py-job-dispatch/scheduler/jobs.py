"""Job records."""

import itertools
import random
from dataclasses import dataclass, field

_ids = itertools.count(1)
KINDS = ["export.csv", "image.thumbnail", "mail.digest", "search.reindex", "invoice.pdf"]


@dataclass
class Job:
    kind: str
    tenant: int
    payload: dict
    job_id: int = field(default_factory=lambda: next(_ids))
    attempts: int = 0


def burst(rng: random.Random, size):
    return [Job(rng.choice(KINDS), rng.randint(1, 500), {"size": rng.randint(1, 10**6)}) for _ in range(size)]
