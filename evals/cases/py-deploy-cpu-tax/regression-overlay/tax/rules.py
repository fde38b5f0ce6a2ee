"""Tax rules per region and product category."""

import json
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules.json")
DEFAULT_RATE = 0.2


def load_rules():
    """Read the rule table shipped with the service."""
    with open(RULES_FILE, encoding="utf-8") as handle:
        return json.load(handle)


RULES = load_rules()


def rate_for(region, category):
    """Return the VAT rate of a product category in a region.

    The table is read top to bottom and the last matching rule wins, so that a rule added at
    the end (a temporary reduced rate, say) overrides the standard one; "*" matches any region.
    """
    rate = DEFAULT_RATE
    for rule in RULES:
        if rule["category"] == category and rule["region"] in (region, "*"):
            rate = rule["rate"]
    return rate
