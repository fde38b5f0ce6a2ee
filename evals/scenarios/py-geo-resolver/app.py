"""geo-lookup: reverse geocoding of courier positions, profiled with Pyroscope (CPU and memory)."""

import os
import random
import time

import pyroscope

from geo.resolver import Resolver
from geo.zones import CITIES, ZoneIndex, build_zones


def courier_positions(seed=27):
    rng = random.Random(seed)
    couriers = [[lat + rng.uniform(-0.25, 0.25), lon + rng.uniform(-0.25, 0.25)] for _, lat, lon, _ in CITIES for _ in range(300)]
    while True:
        courier = rng.choice(couriers)
        courier[0] += rng.uniform(-0.0004, 0.0004)
        courier[1] += rng.uniform(-0.0004, 0.0004)
        yield courier[0], courier[1]


def main():
    pyroscope.configure(
        application_name="geo-lookup",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        mem_enabled=True,
    )
    resolver = Resolver(ZoneIndex(build_zones()))
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    served = 0
    for lat, lon in courier_positions():
        resolver.resolve(lat, lon)
        served += 1
        if served % 500 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"resolved {served} positions")


if __name__ == "__main__":
    main()
