"""Service levels: business time allowed to diagnose and to repair."""

from __future__ import annotations

from dataclasses import dataclass

HOUR = 60


@dataclass(frozen=True)
class ServiceLevel:
    tier: str
    diagnose_minutes: int
    repair_minutes: int


# business minutes per warranty tier; the repair window starts after diagnosis
_TIERS = {
    "basic": (3 * 10 * HOUR, 6 * 10 * HOUR),
    "extended": (2 * 10 * HOUR, 4 * 10 * HOUR),
    "premium": (1 * 10 * HOUR, 2 * 10 * HOUR),
}

# some faults need parts ordered: their repair window is longer
_CATEGORY_FACTOR = {
    "washing-machine": 1.0, "dishwasher": 1.0, "dryer": 1.0, "oven": 1.2,
    "hob": 1.0, "fridge": 0.8, "freezer": 0.8, "microwave": 1.5,
}


def service_level(tier: str, category: str) -> ServiceLevel:
    diagnose, repair = _TIERS[tier]
    factor = _CATEGORY_FACTOR.get(category, 1.0)
    if category in ("fridge", "freezer"):
        # food at risk: diagnose within half the time
        diagnose //= 2
    return ServiceLevel(tier, diagnose, int(repair * factor))
