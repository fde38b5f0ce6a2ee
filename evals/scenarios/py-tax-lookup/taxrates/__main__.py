"""python -m taxrates: replays checkout tax lookups."""

import os
import random
import time

import pyroscope

from taxrates.checkout import order_tax
from taxrates.data import CATEGORIES, REGIONS, rate_table_csv
from taxrates.lookup import RateTable


def orders(seed=41):
    rng = random.Random(seed)
    while True:
        yield {
            "region": rng.choice(REGIONS),
            "postal_code": f"{rng.randint(100, 179)}{rng.randint(0, 99):02d}",
            "lines": [{"category": rng.choice(CATEGORIES), "cents": rng.randint(99, 49999)} for _ in range(rng.randint(1, 5))],
        }


def main():
    pyroscope.configure(
        application_name="tax-rates",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    table = RateTable(rate_table_csv())
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    count = cents = 0
    for order in orders():
        cents += order_tax(order, table)
        count += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"taxed {count} orders, {cents / 100:.2f} total tax")


if __name__ == "__main__":
    main()
