"""Campaign rules: which landing-page path belongs to which campaign.

Marketing owns the rule sheet: one row per landing page (or section of the site) that a
campaign links to. A visit is credited to the first rule whose path prefix matches its
landing path; the sheet is ordered so that more specific pages come before their section.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SECTIONS = [
    "shop", "deals", "blog", "help", "brands", "gift", "outlet", "new", "stories", "guides",
    "kitchen", "garden", "kids", "sport", "travel", "office", "pets", "beauty", "audio", "home",
]
CHANNELS = ["newsletter", "search", "social", "partner", "affiliate", "display", "podcast"]


@dataclass(frozen=True)
class Rule:
    prefix: str
    campaign: str
    channel: str
    priority: int


class CampaignRules:
    """The rule sheet, most specific prefix first."""

    def __init__(self, rules: list[Rule]):
        self._rules = sorted(rules, key=lambda rule: (-len(rule.prefix), rule.priority))
        self.default = Rule("/", "organic", "direct", 0)

    def __len__(self) -> int:
        return len(self._rules)

    def campaign_for(self, path: str) -> Rule:
        """Return the rule a landing path is credited to (organic when none matches)."""
        path = path.lower()
        for rule in self._rules:
            if path.startswith(rule.prefix):
                return rule
        return self.default

    def campaigns(self) -> list[str]:
        return sorted({rule.campaign for rule in self._rules})

    def prefixes(self) -> list[str]:
        return [rule.prefix for rule in self._rules]


def load_rules(seed: int = 2026, count: int = 2400) -> CampaignRules:
    """Build the rule sheet as marketing's export would have it (synthetic, deterministic)."""
    rng = random.Random(seed)
    rules: list[Rule] = []
    seen: set[str] = set()
    while len(rules) < count:
        section = rng.choice(SECTIONS)
        depth = rng.choice((1, 2, 2, 3))
        parts = [section] + [f"{rng.choice(('p', 'c', 'lp', 'promo'))}{rng.randint(1, 900)}"
                             for _ in range(depth)]
        prefix = "/" + "/".join(parts) + "/"
        if prefix in seen:
            continue
        seen.add(prefix)
        campaign = f"{rng.choice(CHANNELS)}-{section}-{rng.randint(100, 999)}"
        rules.append(Rule(prefix, campaign, campaign.split("-")[0], rng.randint(1, 5)))
    return CampaignRules(rules)
