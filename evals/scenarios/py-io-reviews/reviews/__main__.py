"""product-reviews: accepts review submissions on a pool of worker threads.

Run: cd /app && python -m reviews
(PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS, EVENT_BUS_URL,
WORKERS)
"""

import os
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pyroscope

from reviews import settings
from reviews.producer import EventProducer
from reviews.service import ReviewService
from reviews.traffic import submissions

SERVICE_NAME = "product-reviews"


def start_bus(seconds):
    """Start the local stand-in of the event bus ingest; return its process and URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reviews.bussim", str(seconds + 30)],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().strip()


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    bus_process, url = None, os.environ.get("EVENT_BUS_URL")
    if not url:
        bus_process, url = start_bus(seconds)
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: see where a submission's latency goes, waiting included
        oncpu=False,
        gil_only=False,
    )
    producer = EventProducer(url)
    service = ReviewService(producer)
    outcomes = Counter()
    deadline = time.time() + seconds
    traffic = submissions()
    with ThreadPoolExecutor(max_workers=settings.WORKERS, thread_name_prefix="request") as pool:
        while time.time() < deadline:
            batch = [next(traffic) for _ in range(settings.WORKERS * 4)]
            for answer in pool.map(service.handle, batch):
                outcomes[answer["status"]] += 1
    producer.close()
    pyroscope.shutdown()
    if bus_process is not None:
        bus_process.terminate()
        bus_process.wait()
    print(f"handled {sum(outcomes.values())} submissions: {dict(outcomes)}; producer sent {producer.batches_sent} batches")


if __name__ == "__main__":
    main()
