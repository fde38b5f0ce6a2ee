"""Replay shipping-api traffic with the pyroscope-io SDK attached.

Usage: python app.py SERVER_URL SECONDS  (tags from PYROSCOPE_TAGS as k=v,k=v)
"""

import os
import random
import sys
import time

import pyroscope

from shipping import handlers

# Requests per endpoint in one round of the replayed traffic mix.
MIX = [("/quote", 1), ("/track", 6), ("/rates", 4), ("/health", 3)]


def main():
    """Configure the profiler and serve synthetic requests until the time is up."""
    pairs = os.environ.get("PYROSCOPE_TAGS", "").split(",")
    tags = dict(item.split("=", 1) for item in pairs if item)
    pyroscope.configure(
        application_name=os.environ.get("SERVICE_NAME", "shipping-api"),
        server_address=sys.argv[1],
        tags=tags,
        upload_interval=2,
    )
    depots = handlers.make_depots(40)
    rng = random.Random(11)
    history = {f"P{n:06d}": [("FRA1", n), ("HAM2", n + 1)] for n in range(5000)}
    deadline = time.time() + float(sys.argv[2])
    served = {name: 0 for name, _ in MIX}
    while time.time() < deadline:
        for name, count in MIX:
            for _ in range(count):
                with pyroscope.tag_wrapper({"endpoint": name}):
                    serve(name, depots, history, rng)
                served[name] += 1
    pyroscope.shutdown()
    sys.stderr.write(f"served {served}\n")


def serve(name, depots, history, rng):
    """Dispatch one request to its handler."""
    if name == "/quote":
        order = {
            "origin": (rng.uniform(36, 60), rng.uniform(-9, 25)),
            "destination": (rng.uniform(36, 60), rng.uniform(-9, 25)),
            "weight_kg": rng.randint(1, 20),
        }
        return handlers.quote(depots, order)
    if name == "/track":
        return handlers.track(history, f"P{rng.randrange(5000):06d}")
    if name == "/rates":
        return handlers.rates(rng.randint(1, 30))
    return handlers.health()


if __name__ == "__main__":
    main()
