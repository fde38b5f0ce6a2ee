"""Attribution ledger: credited visits per campaign and channel, flushed per batch."""

from __future__ import annotations

from collections import Counter, defaultdict

from attribution.rules import CampaignRules, Rule
from attribution.visits import Visit


def landing_path(visit: Visit) -> str:
    path = visit.path
    query = path.find("?")
    return path if query < 0 else path[:query]


class AttributionLedger:
    def __init__(self, rules: CampaignRules):
        self._rules = rules
        self.by_campaign: Counter[str] = Counter()
        self.by_channel: Counter[str] = Counter()
        self.first_touch: dict[str, str] = {}
        self._pending: defaultdict[str, int] = defaultdict(int)

    def credit(self, visit: Visit) -> Rule:
        rule = self._rules.campaign_for(landing_path(visit))
        self._pending[rule.campaign] += 1
        self.by_channel[rule.channel] += 1
        self.first_touch.setdefault(visit.visitor, rule.campaign)
        return rule

    def credit_batch(self, visits) -> int:
        credited = 0
        for visit in visits:
            if self.credit(visit).campaign != "organic":
                credited += 1
        self.flush()
        return credited

    def flush(self) -> None:
        for campaign, count in self._pending.items():
            self.by_campaign[campaign] += count
        self._pending.clear()

    def top(self, n: int = 3) -> list[tuple[str, int]]:
        return [(c, k) for c, k in self.by_campaign.most_common(n + 1) if c != "organic"][:n]
