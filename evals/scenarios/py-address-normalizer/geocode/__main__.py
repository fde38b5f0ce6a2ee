"""address-normalizer: geocodes order addresses on a pool of worker threads.

Run: cd /opt/address-normalizer && python -m geocode
(PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS, GEOCODER_URL,
WORKERS)
"""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pyroscope

from geocode.addresses import order_addresses
from geocode.lookup import Geocoder
from geocode.normalize import AddressService

SERVICE_NAME = "address-normalizer"


def start_provider(seconds):
    """Start the local stand-in of the geocoding provider; return its process and URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "geocode.providersim", str(seconds + 30)],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().strip()


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    workers = int(os.environ.get("WORKERS", "8"))
    provider, url = None, os.environ.get("GEOCODER_URL")
    if not url:
        provider, url = start_provider(seconds)
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: requests mostly wait, so sample idle threads too
        oncpu=False,
        gil_only=False,
    )
    service = AddressService(Geocoder(url))
    deadline = time.time() + seconds
    handled = 0
    zones = {}
    addresses = order_addresses()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="request") as pool:
        while time.time() < deadline:
            batch = [next(addresses) for _ in range(workers * 4)]
            for result in pool.map(service.handle, batch):
                zones[result["zone"]] = zones.get(result["zone"], 0) + 1
                handled += 1
    pyroscope.shutdown()
    if provider is not None:
        provider.terminate()
        provider.wait()
    print(f"handled {handled} addresses in {len(zones)} zones; cache {service.geocoder.stats()}")


if __name__ == "__main__":
    main()
