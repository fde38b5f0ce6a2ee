"""A member's points statement: balance, tier and the activity list of the app screen."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from loyalty.ledger import DAY, PointsLedger
from loyalty.tiers import next_tier, tier_for

KIND_LABELS = {"earn": "Points earned", "burn": "Reward redeemed", "bonus": "Bonus points",
               "expire": "Points expired"}


class MemberStatement:
    def __init__(self, ledger: PointsLedger, member: str, as_of: float):
        self.member = member
        self.as_of = as_of
        self._rows = ledger.transactions(member)

    @functools.lru_cache(maxsize=None)
    def activity(self, since: float) -> list[dict]:
        """The activity list since a date, newest first, as the app displays it."""
        running = 0
        items = []
        for ts, kind, partner, points, basket in self._rows:
            running += points
            if ts < since:
                continue
            items.append({
                "date": datetime.fromtimestamp(ts, UTC).strftime("%d %b %Y"),
                "title": f"{KIND_LABELS[kind]} - {partner.title()}",
                "partner": partner,
                "points": points,
                "basket": f"{basket:.2f}",
                "balance_after": running,
            })
        items.reverse()
        return items

    def balance(self) -> int:
        return sum(row[3] for row in self._rows)

    def points_last_year(self) -> int:
        cutoff = self.as_of - 365 * DAY
        return sum(row[3] for row in self._rows if row[0] >= cutoff and row[3] > 0)

    def summary(self) -> dict:
        earned = self.points_last_year()
        tier = tier_for(earned)
        upcoming = next_tier(earned)
        return {
            "member": self.member,
            "balance": self.balance(),
            "tier": tier.name,
            "multiplier": tier.multiplier,
            "next_tier": upcoming[0].name if upcoming else None,
            "points_to_next": upcoming[1] if upcoming else 0,
        }
