"""Cart quotes."""

import copy


class PriceBook:
    """Prices carts against the rule book, with per-customer overrides."""

    def __init__(self, rule_book, catalogue):
        self.base_rules = rule_book
        self.catalogue = catalogue

    def rules_for(self, customer):
        """Return the rule book as it applies to one customer."""
        rules = copy.deepcopy(self.base_rules)
        tier = rules["tiers"][customer["tier"]]
        if customer.get("employee"):
            tier["discount"] += 0.1
        for promo in rules["promotions"]:
            if promo["code"] in customer.get("redeemed", ()):
                promo["limits"]["per_customer"] -= 1
        return rules

    def quote(self, cart, customer):
        """Return the total price of a cart in the customer's currency."""
        rules = self.rules_for(customer)
        region = rules["regions"][customer["region"]]
        tier = rules["tiers"][customer["tier"]]
        subtotal = 0.0
        weight = 0.0
        for sku, quantity in cart:
            item = self.catalogue[sku]
            price = item["price"] * quantity
            for promo in rules["promotions"]:
                if (
                    item["category"] in promo["categories"]
                    and customer["region"] in promo["regions"]
                    and promo["limits"]["per_customer"] > 0
                ):
                    price *= 1 - promo["percent_off"] / 100
                    if not promo["stackable"]:
                        break
            subtotal += price
            weight += item["weight_kg"] * quantity
        subtotal *= 1 - tier["discount"]
        shipping = 0.0
        if subtotal < tier["free_shipping_over"]:
            shipping = next((band["fee"] for band in region["shipping"] if weight <= band["up_to_kg"]), 45.0)
        return round((subtotal + shipping) * (1 + region["vat"]), 2), region["currency"]
