"""Replay tax-api invoice traffic with the pyroscope-io SDK attached.

Usage: python app.py SERVER_URL SECONDS  (tags from PYROSCOPE_TAGS as k=v,k=v)
"""

import os
import random
import sys
import time

import pyroscope

from tax.invoice import build_invoice, render

REGIONS = ["DE", "FR", "NL", "BE", "AT", "IT", "ES", "PL", "SE", "CH"]
CATEGORIES = ["books", "food", "drinks", "clothing", "electronics", "toys", "medicine", "garden"]
RATE_PER_SECOND = 5000


def make_orders(n, seed=9):
    """Return n reproducible orders of 1-8 items."""
    rng = random.Random(seed)
    orders = []
    for number in range(n):
        items = [
            {"sku": f"SKU-{rng.randrange(10000):05d}", "qty": rng.randint(1, 4),
             "price_cents": rng.randint(199, 49999), "category": rng.choice(CATEGORIES)}
            for _ in range(rng.randint(1, 8))
        ]
        orders.append({"id": f"INV-{number:06d}", "region": rng.choice(REGIONS), "items": items})
    return orders


def main():
    """Configure the profiler and invoice orders at a steady rate until the time is up."""
    pairs = os.environ.get("PYROSCOPE_TAGS", "").split(",")
    tags = dict(item.split("=", 1) for item in pairs if item)
    pyroscope.configure(
        application_name=os.environ.get("SERVICE_NAME", "tax-api"),
        server_address=sys.argv[1],
        tags=tags,
        upload_interval=2,
    )
    orders = make_orders(2000)
    start = time.time()
    deadline = start + float(sys.argv[2])
    served = 0
    while time.time() < deadline:
        if served >= (time.time() - start) * RATE_PER_SECOND:
            time.sleep(0.005)
            continue
        order = orders[served % len(orders)]
        render(order, build_invoice(order))
        served += 1
    pyroscope.shutdown()
    sys.stderr.write(f"invoiced {served} orders\n")


if __name__ == "__main__":
    main()
