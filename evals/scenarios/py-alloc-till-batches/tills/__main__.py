"""python -m tills: replays a night of till uploads through the intake, profiled with Pyroscope."""

from __future__ import annotations

import os
import time

import pyroscope

from tills.ledger import Ledger
from tills.stores import uploads
from tills.wire import BatchError, decode_batch

SERVICE_NAME = "till-batches"


def start_profiling() -> None:
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        mem_enabled=True,
    )


def main() -> None:
    ledger = Ledger()
    feed = uploads()
    first = next(feed)
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    batches = rejected = transactions = 0
    received = 0
    payload = first
    while True:
        received += len(payload)
        try:
            batch = decode_batch(payload)
        except BatchError as err:
            rejected += 1
            print(f"rejected: {err}")
        else:
            ledger.post(batch)
            transactions += len(batch.transactions)
            batches += 1
        if time.time() > deadline:
            break
        payload = next(feed)
    pyroscope.shutdown()
    print(f"{batches} till batches ({received >> 20} MB, {transactions} transactions), {rejected} rejected, "
          f"{len(ledger.days)} till days posted")


if __name__ == "__main__":
    main()
