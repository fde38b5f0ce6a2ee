"""The merchandisers' rule book, as loaded at start-up."""

import random

REGIONS = ["de", "fr", "nl", "be", "at", "it", "es", "pl", "se", "dk", "fi", "ie"]
TIERS = ["guest", "member", "silver", "gold", "platinum"]


def load_rule_book(seed=5):
    """Return the rule book: nested dicts and lists, a few thousand nodes."""
    rng = random.Random(seed)
    regions = {
        code: {
            "vat": round(rng.uniform(0.17, 0.25), 3),
            "currency": "SEK" if code == "se" else "DKK" if code == "dk" else "EUR",
            "shipping": [{"up_to_kg": kg, "fee": round(kg * rng.uniform(0.8, 1.4), 2)} for kg in range(1, 31)],
            "excluded_categories": [f"cat-{rng.randint(1, 90)}" for _ in range(6)],
        }
        for code in REGIONS
    }
    tiers = {name: {"discount": 0.02 * rank, "free_shipping_over": 150 - 20 * rank} for rank, name in enumerate(TIERS)}
    promotions = [
        {
            "code": f"PROMO{number:03d}",
            "categories": [f"cat-{rng.randint(1, 90)}" for _ in range(4)],
            "percent_off": rng.choice([5, 10, 15, 20]),
            "regions": rng.sample(REGIONS, 4),
            "stackable": rng.random() < 0.3,
            "limits": {"per_customer": rng.randint(1, 5), "min_basket": rng.choice([0, 25, 50, 100])},
        }
        for number in range(120)
    ]
    return {"version": 42, "regions": regions, "tiers": tiers, "promotions": promotions}
