"""inventory-sync: replays supplier feed batches against the catalogue.

Run: python app.py   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import logging
import os
import time

import pyroscope

from inventory.catalog import load_catalog
from inventory.feed import feed_batches
from inventory.reconcile import apply_adjustments, reconcile_batch

SERVICE_NAME = "inventory-sync"
log = logging.getLogger(SERVICE_NAME)


def start_profiling():
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )


def main():
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    start_profiling()
    catalog = load_catalog()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    batches = adjusted = unknown = 0
    for batch in feed_batches(catalog):
        result = reconcile_batch(batch, catalog)
        adjusted += apply_adjustments(result, catalog)
        unknown += len(result.unknown)
        batches += 1
        if time.time() >= deadline:
            break
    pyroscope.shutdown()
    log.info("reconciled %d batches: %d adjustments, %d unknown SKUs", batches, adjusted, unknown)


if __name__ == "__main__":
    main()
