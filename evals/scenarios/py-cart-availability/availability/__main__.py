"""python -m availability: replays basket availability checks, profiled with Pyroscope."""

import datetime
import os
import subprocess
import sys
import time

import pyroscope

from availability.carts import CartAvailability
from availability.stock_client import StockClient
from availability.traffic import baskets


def start_local_stock_service(seconds):
    """Start the stand-in stock service; return its process and base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "availability.stockd", str(seconds + 30)], stdout=subprocess.PIPE, text=True
    )
    return process, process.stdout.readline().strip()


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    stockd, url = None, os.environ.get("STOCK_SERVICE_URL")
    if not url:
        stockd, url = start_local_stock_service(seconds)
    pyroscope.configure(
        application_name="availability-api",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        oncpu=False,
        gil_only=False,
    )
    service = CartAvailability(StockClient(url))
    deadline = time.time() + seconds
    checked = shippable = 0
    for cart in baskets():
        result = service.check(cart, datetime.datetime.now())
        checked += 1
        shippable += all(line["in_stock"] for line in result["lines"])
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    service.stock.close()
    if stockd is not None:
        stockd.terminate()
        stockd.wait()
    print(f"checked {checked} carts, {shippable} ship from stock")


if __name__ == "__main__":
    main()
