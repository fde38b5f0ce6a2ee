"""order-history: "My orders" page backend (simulated page views), profiled with Pyroscope.

The profiler samples wall-clock time (oncpu=False, gil_only=False).
"""

import os
import random
import time

import pyroscope

from orders.catalogue_client import CatalogueClient
from orders.history import order_history
from orders.store import OrderStore


def main():
    pyroscope.configure(
        application_name="order-history",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        oncpu=False,
        gil_only=False,
        upload_interval=5,
    )
    store = OrderStore()
    catalogue = CatalogueClient()
    rng = random.Random(1)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    pages = 0
    while time.time() < deadline:
        order_history(rng.randrange(2000), store, catalogue)
        pages += 1
    pyroscope.shutdown()
    print(f"served {pages} pages with {catalogue.requests} catalogue requests")


if __name__ == "__main__":
    main()
