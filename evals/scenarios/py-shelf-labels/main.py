"""shelf-labels: pushes each pricing run's price changes to the store's shelf labels.

Run: python main.py   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
It starts the stand-in shelf-label gateway (shelflabels/gatewayd.py) as a child process.
"""

import logging
import os
import subprocess
import sys
import time

import pyroscope

from shelflabels.gateway_client import ShelfGatewayClient
from shelflabels.pricebook import PriceBook
from shelflabels.publisher import LabelPublisher

SERVICE_NAME = "shelf-labels"
STORE = "store-0412"
HERE = os.path.dirname(os.path.abspath(__file__))


def start_gateway(seconds: float):
    process = subprocess.Popen(
        [sys.executable, "-m", "shelflabels.gatewayd", str(seconds + 30)],
        cwd=HERE,
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, int(process.stdout.readline())


def start_profiling() -> None:
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: publishing is mostly waiting on the gateway
        oncpu=False,
        gil_only=False,
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    gateway_process, port = start_gateway(seconds)
    gateway = ShelfGatewayClient("127.0.0.1", port, STORE)
    try:
        gateway.connect()
        publisher = LabelPublisher(gateway)
        book = PriceBook(STORE)
        start_profiling()
        deadline = time.time() + seconds
        runs = 0
        while time.time() < deadline:
            started = time.time()
            count = publisher.publish(book.changes(40))
            runs += 1
            print(f"run {runs}: {count} labels in {time.time() - started:.2f}s", flush=True)
        pyroscope.shutdown()
        print(f"published {publisher.published} labels in {runs} pricing runs")
    finally:
        gateway.close()
        gateway_process.terminate()
        gateway_process.wait(timeout=10)


if __name__ == "__main__":
    main()
