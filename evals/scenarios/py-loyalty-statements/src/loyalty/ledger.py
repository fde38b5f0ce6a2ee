"""The points ledger: every earn, burn and expiry of every member (synthetic, in memory)."""

from __future__ import annotations

import random

DAY = 86_400
PARTNERS = ["grocery", "fuel", "pharmacy", "travel", "dining", "online", "cinema"]
KINDS = ("earn", "earn", "earn", "earn", "burn", "bonus", "expire")


class PointsLedger:
    """Transactions per member as tuples (ts, kind, partner, points, basket)."""

    def __init__(self, members: int = 4_000, seed: int = 5, now: float = 1_768_471_200.0):
        rng = random.Random(seed)
        self.now = now
        self._by_member: dict[str, list[tuple[float, str, str, int, float]]] = {}
        for n in range(members):
            member = f"M{n:07d}"
            rows = []
            ts = now - 730 * DAY
            for _ in range(rng.randint(60, 220)):
                ts += rng.random() * 7 * DAY
                kind = rng.choice(KINDS)
                basket = round(rng.uniform(3, 180), 2)
                points = int(basket * (2 if kind == "bonus" else 1)) * (-1 if kind in ("burn", "expire") else 1)
                rows.append((ts, kind, rng.choice(PARTNERS), points, basket))
            self._by_member[member] = rows

    def members(self) -> list[str]:
        return list(self._by_member)

    def transactions(self, member: str) -> list[tuple[float, str, str, int, float]]:
        return self._by_member.get(member, [])
