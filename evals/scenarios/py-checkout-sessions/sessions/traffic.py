"""Synthetic buyers going through the checkout."""

import random

from sessions.pricing import ACCOUNTS, CATALOGUE_SIZE

STEPS = ["cart"] * 6 + ["address", "slot", "payment", "place"]


def checkout_steps(seed=12, concurrent=40):
    """Yield checkout requests forever, interleaving `concurrent` buyers' sessions."""
    rng = random.Random(seed)
    counter = 0
    active = []
    while True:
        while len(active) < concurrent:
            counter += 1
            active.append({"session": f"s-{counter:07d}", "account": rng.choice(ACCOUNTS),
                           "buyer": f"buyer{counter}@example.com", "next": 0})
        buyer = rng.choice(active)
        action = STEPS[buyer["next"]]
        step = {"session": buyer["session"], "account": buyer["account"], "buyer": buyer["buyer"],
                "action": action}
        if action == "cart":
            step["sku"] = f"SKU-{rng.randrange(CATALOGUE_SIZE):05d}"
            step["quantity"] = rng.choice([1, 2, 5, 10, 20, 50, 0])
        elif action == "address":
            step["address"] = {"street": "Industrieweg 12", "city": "Eindhoven", "country": "NL"}
        elif action == "slot":
            step["slot"] = rng.choice(["mon-am", "tue-pm", "thu-am"])
        elif action == "payment":
            step["method"] = rng.choice(["invoice", "sepa", "card"])
        buyer["next"] += 1
        if buyer["next"] == len(STEPS):
            active.remove(buyer)
        yield step
