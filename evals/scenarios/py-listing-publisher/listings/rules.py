"""The marketplace's listing rules."""

import re
from decimal import Decimal

SKU_PATTERN = re.compile(r"^[A-Z]{3}-\d{4,6}(-[A-Z0-9]{2})?$")
CURRENCIES = {"EUR", "GBP", "SEK", "PLN", "CHF"}
CONDITIONS = {"new", "refurbished", "used-like-new", "used-good"}
MAX_TITLE = 120
MAX_TAGS = 12
PRICE_LIMITS = {
    "EUR": (Decimal("0.50"), Decimal("25000")),
    "GBP": (Decimal("0.50"), Decimal("22000")),
    "SEK": (Decimal("5"), Decimal("280000")),
    "PLN": (Decimal("2"), Decimal("110000")),
    "CHF": (Decimal("0.50"), Decimal("24000")),
}


def listing_problems(listing):
    """Return the list of rule violations of one listing (empty when it may be published)."""
    problems = []
    sku = listing.get("sku")
    if not isinstance(sku, str) or not SKU_PATTERN.match(sku):
        problems.append(f"bad sku {sku!r}")
    title = listing.get("title", "")
    if not title or len(title) > MAX_TITLE or title != title.strip():
        problems.append("title missing, too long or padded")
    currency = listing.get("currency")
    if currency not in CURRENCIES:
        problems.append(f"unsupported currency {currency!r}")
    else:
        price = Decimal(listing.get("price", "0"))
        low, high = PRICE_LIMITS[currency]
        if not low <= price <= high:
            problems.append(f"price {price} {currency} out of range")
    if listing.get("condition") not in CONDITIONS:
        problems.append("unknown condition")
    tags = listing.get("tags", [])
    if len(tags) > MAX_TAGS or any(not tag.islower() or " " in tag for tag in tags):
        problems.append("tags must be at most 12 lower-case words")
    stock = listing.get("stock")
    if not isinstance(stock, int) or stock < 0:
        problems.append("stock must be a non-negative integer")
    return problems
