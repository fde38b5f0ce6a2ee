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
_BY_KEY = {(rule["region"], rule["category"]): rule["rate"] for rule in RULES}


def rate_for(region, category):
    """Return the VAT rate of a product category in a region."""
    return _BY_KEY.get((region, category), DEFAULT_RATE)
