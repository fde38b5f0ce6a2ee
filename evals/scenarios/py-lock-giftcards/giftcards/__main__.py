"""gift-cards: redeems gift cards at checkout on a pool of worker threads.

Run: python -m giftcards
(PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS,
BALANCE_STORE_URL, WORKERS)
"""

import os
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pyroscope

from giftcards.locks import KeyedLocks
from giftcards.redeem import RedemptionService
from giftcards.store import BalanceStore
from giftcards.traffic import redemptions

SERVICE_NAME = "gift-cards"


def start_store(seconds):
    """Start the local stand-in of the balance store; return its process and URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "giftcards.storesim", str(seconds + 30)],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().strip()


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    workers = int(os.environ.get("WORKERS", "8"))
    store_process, url = None, os.environ.get("BALANCE_STORE_URL")
    if not url:
        store_process, url = start_store(seconds)
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: a redemption mostly waits on the balance store
        oncpu=False,
        gil_only=False,
    )
    service = RedemptionService(BalanceStore(url), KeyedLocks())
    outcomes = Counter()
    deadline = time.time() + seconds
    traffic = redemptions()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="request") as pool:
        while time.time() < deadline:
            batch = [next(traffic) for _ in range(workers * 4)]
            for receipt in pool.map(service.handle, batch):
                outcomes[receipt["status"]] += 1
    pyroscope.shutdown()
    if store_process is not None:
        store_process.terminate()
        store_process.wait()
    print(f"handled {sum(outcomes.values())} redemptions: {dict(outcomes)}; {service.locks.size()} cards locked so far")


if __name__ == "__main__":
    main()
