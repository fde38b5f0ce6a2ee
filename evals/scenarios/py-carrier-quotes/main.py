"""carrier-quotes: shipping rates for the checkout page, from every carrier.

Run: python /app/main.py   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF,
LOAD_SECONDS, CARRIER_API_URL)
"""

import os
import subprocess
import sys
import time

import pyroscope

from quotes.checkout import shipments
from quotes.rates import RateShopper, checkout_options

SERVICE_NAME = "carrier-quotes"


def start_carrier_sandbox(seconds):
    """Start the local stand-in of the carriers' APIs; return its process and base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes.carriersim", str(seconds + 30)],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().strip()


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    sandbox, url = None, os.environ.get("CARRIER_API_URL")
    if not url:
        sandbox, url = start_carrier_sandbox(seconds)
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: a quote mostly waits on the carriers, so sample idle threads too
        oncpu=False,
        gil_only=False,
    )
    shopper = RateShopper(url)
    deadline = time.time() + seconds
    quoted = express = 0
    for shipment in shipments():
        options = checkout_options(shopper.quote(shipment))
        quoted += 1
        express += options["fastest"]["days"] == 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    if sandbox is not None:
        sandbox.terminate()
        sandbox.wait()
    print(f"quoted {quoted} shipments, {express} with next-day delivery")


if __name__ == "__main__":
    main()
