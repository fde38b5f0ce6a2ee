"""Synthetic van trips: one ping a second, with stops and the odd GPS jump."""

import random


def van_trip(rng, van, seconds):
    """Return the pings of one trip of a van."""
    lat, lon = 52.52 + rng.uniform(-0.1, 0.1), 13.40 + rng.uniform(-0.1, 0.1)
    heading_lat, heading_lon = rng.uniform(-1, 1) * 1e-4, rng.uniform(-1, 1) * 1e-4
    pings = []
    stopped = 0
    for t in range(seconds):
        if stopped:
            stopped -= 1
        elif rng.random() < 0.002:
            stopped = rng.randint(60, 600)
        else:
            if rng.random() < 0.01:
                heading_lat, heading_lon = rng.uniform(-1, 1) * 1e-4, rng.uniform(-1, 1) * 1e-4
            lat, lon = lat + heading_lat, lon + heading_lon
        jump = rng.random() < 0.003
        pings.append({"van": van, "t": 1767225600 + t, "lat": lat + (0.05 if jump else 0.0), "lon": lon})
    return pings


def finished_trips(seed=17, distinct=6):
    """Yield (van, pings) forever: the day's finished trips, replayed."""
    rng = random.Random(seed)
    trips = [(f"VAN-{n:03d}", van_trip(rng, f"VAN-{n:03d}", rng.randint(7000, 12000))) for n in range(distinct)]
    while True:
        yield from trips
