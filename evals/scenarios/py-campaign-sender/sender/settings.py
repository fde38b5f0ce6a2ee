"""Notification settings: the tenant's defaults and each recipient's own overrides.

A tenant's settings document is large: every notification category has its own channel,
frequency cap, quiet hours and template keys, plus branding and compliance entries, about
six hundred keys in all. A recipient overrides a handful of them from the app.
"""

from __future__ import annotations

import random

CATEGORIES = [f"{area}.{kind}" for area in ("orders", "offers", "account", "loyalty", "news",
                                           "events", "reviews", "wishlist", "stores", "social")
              for kind in ("update", "reminder", "digest", "alert", "promo", "survey",
                           "summary", "welcome", "winback", "tip", "expiry", "invite")]


def tenant_defaults(tenant: str, seed: int = 1) -> dict[str, object]:
    rng = random.Random(f"{tenant}-{seed}")
    settings: dict[str, object] = {
        "locale": "en-GB",
        "timezone": "Europe/London",
        "channel": "push",
        "quiet_start": 22,
        "quiet_end": 7,
        "brand.name": tenant.title(),
        "brand.colour": "#0a6",
        "compliance.unsubscribe_footer": True,
    }
    for category in CATEGORIES:
        settings[f"{category}.enabled"] = rng.random() < 0.9
        settings[f"{category}.channel"] = rng.choice(("push", "email", "sms"))
        settings[f"{category}.cap_per_week"] = rng.randint(1, 7)
        settings[f"{category}.template"] = f"{category}-v{rng.randint(1, 9)}"
        settings[f"{category}.priority"] = rng.choice(("low", "normal", "high"))
    return settings


def recipient_overrides(rng: random.Random) -> dict[str, object]:
    overrides: dict[str, object] = {}
    if rng.random() < 0.3:
        overrides["locale"] = rng.choice(("fr-FR", "de-DE", "es-ES", "nl-NL"))
    if rng.random() < 0.2:
        overrides["quiet_start"] = rng.choice((20, 21, 23))
    if rng.random() < 0.15:
        overrides["channel"] = "email"
    for _ in range(rng.randint(0, 3)):
        overrides[f"{rng.choice(CATEGORIES)}.enabled"] = False
    return overrides
