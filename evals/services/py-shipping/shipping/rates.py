"""Route and price quotes for one order."""

import random

from shipping.geo import haversine_km


def make_depots(n, seed=3):
    """Return n reproducible depot coordinates in Europe."""
    rng = random.Random(seed)
    return [(rng.uniform(36.0, 60.0), rng.uniform(-9.0, 25.0)) for _ in range(n)]


def distance_matrix(depots):
    """Return the distance in km between every pair of depots."""
    return [[haversine_km(a, b) for b in depots] for a in depots]


def quote(order, depots):
    """Return (price in cents, depot index) of the cheapest route for an order."""
    matrix = distance_matrix(depots)
    best = None
    for i, depot in enumerate(depots):
        direct = haversine_km(depot, order["destination"])
        relay = min(matrix[i][j] for j in range(len(depots)) if j != i)
        cost = 250 + int(direct * 0.9 + relay * 0.1) * order["weight_kg"]
        if best is None or cost < best[0]:
            best = (cost, i)
    return best
