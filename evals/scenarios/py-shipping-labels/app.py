"""shipping-labels: buys carrier labels for the packed shipments of each packing wave.

Run: python app.py   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
It starts the stand-in carrier label API (labels/carrierd.py) as a child process.
"""

import logging
import os
import subprocess
import sys
import time

import pyroscope

from labels.carrier_client import CarrierClient
from labels.printing import StationPrinter
from labels.purchasing import LabelPurchaser
from labels.shipments import packing_waves

SERVICE_NAME = "shipping-labels"
HERE = os.path.dirname(os.path.abspath(__file__))
log = logging.getLogger(SERVICE_NAME)


def start_carrier_sandbox(seconds):
    process = subprocess.Popen(
        [sys.executable, "-m", "labels.carrierd", str(seconds + 30)],
        cwd=HERE,
        stdout=subprocess.PIPE,
        text=True,
    )
    port = int(process.stdout.readline())
    return process, f"http://127.0.0.1:{port}"


def start_profiling():
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: buying labels is mostly waiting on the carrier
        oncpu=False,
        gil_only=False,
    )


def main():
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    carrier_process, carrier_url = start_carrier_sandbox(seconds)
    try:
        start_profiling()
        carrier = CarrierClient(carrier_url, account="acme-wh-east")
        purchaser = LabelPurchaser(carrier, StationPrinter("pack-07"))
        deadline = time.time() + seconds
        waves = 0
        for wave in packing_waves():
            purchaser.buy_wave(wave)
            waves += 1
            if time.time() >= deadline:
                break
        pyroscope.shutdown()
        carrier.close()
        stats = purchaser.stats
        log.info(
            "%d waves: %d labels, %d status polls, %d failed",
            waves,
            stats["labels"],
            stats["polls"],
            stats["failed"],
        )
    finally:
        carrier_process.terminate()
        carrier_process.wait(timeout=10)


if __name__ == "__main__":
    main()
