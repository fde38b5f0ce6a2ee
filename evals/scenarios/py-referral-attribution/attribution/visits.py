"""Synthetic landing-page visits, as the edge's access log delivers them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from attribution.rules import SECTIONS

AGENTS = ["Mozilla/5.0 (iPhone)", "Mozilla/5.0 (Windows NT 10.0)", "Mozilla/5.0 (Macintosh)"]


@dataclass
class Visit:
    visitor: str
    path: str
    referrer: str
    agent: str
    ts: float


class VisitStream:
    """Batches of visits; about a third land on a campaign page, the rest browse the site."""

    def __init__(self, known_prefixes: list[str], seed: int = 7):
        self._rng = random.Random(seed)
        self._prefixes = known_prefixes
        self._clock = 1_768_471_200.0

    def _path(self) -> str:
        rng = self._rng
        if rng.random() < 0.35:
            base = rng.choice(self._prefixes)
            return base + rng.choice(("", "index.html", f"item-{rng.randint(1, 5000)}"))
        section = rng.choice(SECTIONS)
        return f"/{section}/{rng.choice(('item', 'list', 'page'))}-{rng.randint(1, 99999)}"

    def batch(self, size: int) -> Iterator[Visit]:
        rng = self._rng
        for _ in range(size):
            self._clock += rng.random() * 0.05
            yield Visit(
                visitor=f"v{rng.randint(1, 200_000):06d}",
                path=self._path() + ("?utm_source=x" if rng.random() < 0.2 else ""),
                referrer=rng.choice(("", "https://search.example/", "https://social.example/")),
                agent=rng.choice(AGENTS),
                ts=self._clock,
            )
