"""Entry point: python -m dashboard (replays dashboard traffic, reports to Pyroscope)."""

import os
import random
import time
from datetime import date

import pyroscope

from dashboard.api import DashboardApi
from dashboard.orders import OrderFactory, merchant_ids
from dashboard.store import OrderStore

SERVICE_NAME = "seller-dashboard"


def start_profiling() -> None:
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )


def main() -> None:
    today = date(2026, 1, 15)
    merchants = merchant_ids()
    factory = OrderFactory()
    store = OrderStore()
    # two years of history, 40 orders a day per merchant
    store.add_many(factory.history(merchants, days=730, per_day=40, today=today))
    api = DashboardApi(store, factory, today)
    start_profiling()
    rng = random.Random(11)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    views = recorded = 0
    while time.time() < deadline:
        # checkout events arrive between dashboard page views
        for _ in range(rng.randint(2, 8)):
            api.record_order(rng.choice(merchants))
            recorded += 1
        page = api.overview(rng.choice(merchants))
        views += 1
        if views % 50 == 0:
            print(f"{page['merchant']}: {page['orders']} orders, net {page['net']}", flush=True)
    pyroscope.shutdown()
    print(f"served {views} overview pages, recorded {recorded} orders, {len(store)} in store")


if __name__ == "__main__":
    main()
