"""Quote requests from the sales team and the priced answers."""

import random

from costing.rollup import CostRoller, LeadTimes

MARGIN = 0.28
VOLUME_BREAKS = [(250, 0.12), (100, 0.08), (25, 0.04), (1, 0.0)]
CUSTOMERS = ["Baltic Marine", "Rheinwerk", "Nordpumpen", "Ostrava Steel", "Lyon Hydraulique"]


def volume_discount(quantity):
    for threshold, discount in VOLUME_BREAKS:
        if quantity >= threshold:
            return discount
    return 0.0


class QuoteDesk:
    """Answers quote requests for the catalogue's products."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.costs = CostRoller(catalog)
        self.lead_times = LeadTimes(catalog)

    def quote(self, request):
        """Price request["quantity"] units of request["product"] for request["customer"]."""
        product = request["product"]
        quantity = request["quantity"]
        unit_cost = self.costs.unit_cost(product)
        unit_price = unit_cost * (1 + MARGIN) * (1 - volume_discount(quantity))
        return {
            "customer": request["customer"],
            "product": product,
            "description": self.catalog.parts[product].description,
            "quantity": quantity,
            "unit_cost": round(unit_cost, 2),
            "unit_price": round(unit_price, 2),
            "total_price": round(unit_price * quantity, 2),
            "lead_days": self.lead_times.lead_days(product) + (quantity // 100),
        }


def quote_requests(catalog, seed=17):
    """Yield quote requests forever: a customer, one of the products and a quantity."""
    rng = random.Random(seed)
    products = [part.part_no for part in catalog.products()]
    while True:
        yield {
            "customer": rng.choice(CUSTOMERS),
            "product": rng.choice(products),
            "quantity": rng.choice([1, 5, 10, 25, 40, 100, 250]),
        }
