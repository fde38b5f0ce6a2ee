"""Campaign audiences: the recipients a segment query returned (synthetic)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sender.settings import CATEGORIES, recipient_overrides


@dataclass
class Recipient:
    id: str
    name: str
    utc_offset: int
    overrides: dict[str, object] = field(default_factory=dict)


@dataclass
class Campaign:
    id: str
    tenant: str
    category: str
    title: str
    send_hour_utc: int
    recipients: list[Recipient]


class AudienceSource:
    def __init__(self, seed: int = 9):
        self._rng = random.Random(seed)
        self._n = 0

    def campaign(self, tenant: str, size: int) -> Campaign:
        rng = self._rng
        self._n += 1
        recipients = [
            Recipient(
                id=f"u{rng.randint(1, 9_999_999):07d}",
                name=rng.choice(("Ana", "Ben", "Chloe", "Dev", "Eva", "Finn", "Gus", "Hana")),
                utc_offset=rng.choice((-5, 0, 0, 1, 1, 2)),
                overrides=recipient_overrides(rng),
            )
            for _ in range(size)
        ]
        return Campaign(
            id=f"cmp-{self._n:05d}",
            tenant=tenant,
            category=rng.choice(CATEGORIES),
            title=rng.choice(("Your weekly picks", "Back in stock", "Points expiring", "New in")),
            send_hour_utc=rng.randint(6, 21),
            recipients=recipients,
        )
