"""Simulated checkout traffic against the shipping-rate API, profiled with pyroscope-io.

Usage: python app.py SERVER_URL SECONDS  (tags come from PYROSCOPE_TAGS as k=v,k=v)
"""

import os
import random
import sys
import time

import pyroscope
from shipping.rates import make_depots, quote


def main():
    """Configure the profiler and serve synthetic orders until the time is up."""
    pairs = os.environ.get("PYROSCOPE_TAGS", "").split(",")
    tags = dict(item.split("=", 1) for item in pairs if item)
    pyroscope.configure(
        application_name=os.environ.get("SERVICE_NAME", "shipping-rates"),
        server_address=sys.argv[1],
        tags=tags,
        upload_interval=2,
    )
    depots = make_depots(120)
    rng = random.Random(11)
    deadline = time.time() + float(sys.argv[2])
    quoted = 0
    while time.time() < deadline:
        destination = (rng.uniform(36, 60), rng.uniform(-9, 25))
        order = {"destination": destination, "weight_kg": rng.randint(1, 20)}
        quote(order, depots)
        quoted += 1
    pyroscope.shutdown()
    sys.stderr.write(f"quoted {quoted} orders\n")


if __name__ == "__main__":
    main()
