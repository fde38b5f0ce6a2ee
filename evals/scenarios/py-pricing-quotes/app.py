"""pricing-engine: quotes shop carts (simulated traffic), profiled with Pyroscope."""

import os
import sys
import time

import pyroscope

from pricing.quote import PriceBook
from pricing.rules import load_rule_book
from pricing.traffic import carts, make_catalogue


def configure_profiler():
    pyroscope.configure(
        application_name="pricing-engine",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
            "region": "eu-central",
        },
        upload_interval=5,
    )


def serve(seconds):
    catalogue = make_catalogue()
    book = PriceBook(load_rule_book(), catalogue)
    deadline = time.time() + seconds
    quotes = 0
    for cart, customer in carts(catalogue):
        book.quote(cart, customer)
        quotes += 1
        if quotes % 50 == 0 and time.time() >= deadline:
            break
    return quotes


if __name__ == "__main__":
    configure_profiler()
    count = serve(float(os.environ.get("LOAD_SECONDS", "20")))
    pyroscope.shutdown()
    print(f"quoted {count} carts", file=sys.stderr)
