"""The API's request handlers."""

import random

from shipping.geo import haversine_km

CARRIERS = ["DHL", "UPS", "DPD", "GLS", "Hermes"]


def make_depots(n, seed=3):
    """Return n reproducible depot coordinates in Europe."""
    rng = random.Random(seed)
    return [(rng.uniform(36.0, 60.0), rng.uniform(-9.0, 25.0)) for _ in range(n)]


def route_cost(depots, origin, destination):
    """Cheapest origin -> depot -> depot -> destination cost over every depot pair."""
    first = [haversine_km(origin, d) for d in depots]
    last = [haversine_km(d, destination) for d in depots]
    best = None
    for i, a in enumerate(depots):
        for j, b in enumerate(depots):
            if i == j:
                continue
            cost = first[i] + haversine_km(a, b) * 0.6 + last[j]
            if best is None or cost < best:
                best = cost
    return best


def quote(depots, order):
    """Price a parcel: the cheapest route times the weight tariff."""
    km = route_cost(depots, order["origin"], order["destination"])
    return {"price_cents": 390 + int(km * 0.8) * order["weight_kg"], "km": round(km, 1)}


def track(history, parcel_id):
    """Return the last scan of a parcel."""
    scans = history.get(parcel_id, [])
    return scans[-1] if scans else None


def rates(weight_kg):
    """List each carrier's public price for a parcel of this weight."""
    table = []
    for n, carrier in enumerate(CARRIERS):
        table.append({"carrier": carrier, "price_cents": 450 + 90 * n + 35 * weight_kg})
    return sorted(table, key=lambda row: row["price_cents"])


def health():
    """The load balancer's probe."""
    return {"status": "ok"}
