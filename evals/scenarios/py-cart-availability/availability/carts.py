"""Cart availability: can every line ship from stock, and when does the cart arrive."""

import datetime

CUTOFF_HOUR = 15
TRANSIT_DAYS = {"ber-1": 1, "ham-2": 1, "muc-1": 2, "cgn-3": 2}


class CartAvailability:
    """Checks baskets against the warehouse stock."""

    def __init__(self, stock):
        self.stock = stock

    def check(self, cart, now):
        """Return the availability of each line and the delivery promise of the whole cart."""
        lines = []
        latest = 0
        for line in cart["lines"]:
            level = self.stock.level(line["sku"])
            in_stock = level["on_hand"] >= line["quantity"]
            days = TRANSIT_DAYS.get(level["warehouse"], 3) + (0 if in_stock else level["restock_days"])
            lines.append({"sku": line["sku"], "in_stock": in_stock, "ships_in_days": days})
            latest = max(latest, days)
        if now.hour >= CUTOFF_HOUR:
            latest += 1
        promise = (now + datetime.timedelta(days=latest)).date()
        return {"cart_id": cart["id"], "lines": lines, "delivery_by": promise.isoformat()}
