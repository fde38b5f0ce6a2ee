"""Membership tiers: a member's tier follows the points earned over the last twelve months."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    name: str
    threshold: int
    multiplier: float


TIERS = [
    Tier("member", 0, 1.0),
    Tier("silver", 2_000, 1.25),
    Tier("gold", 6_000, 1.5),
    Tier("platinum", 15_000, 2.0),
]


def tier_for(points_last_year: int) -> Tier:
    current = TIERS[0]
    for tier in TIERS:
        if points_last_year >= tier.threshold:
            current = tier
    return current


def next_tier(points_last_year: int) -> tuple[Tier, int] | None:
    for tier in TIERS:
        if points_last_year < tier.threshold:
            return tier, tier.threshold - points_last_year
    return None
