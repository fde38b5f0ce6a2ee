"""python -m indexer: replays catalogue changes through the reindex worker, profiled with Pyroscope."""

import os
import time

import pyroscope

from indexer.catalog import Catalog
from indexer.changes import change_events
from indexer.index import SearchIndex
from indexer.worker import ReindexWorker


def main():
    pyroscope.configure(
        application_name="search-indexer",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    catalog = Catalog(products=600_000)
    worker = ReindexWorker(catalog, SearchIndex())
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    for event in change_events(catalog):
        worker.enqueue(event)
        worker.run(budget=100)
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"indexed {worker.indexed} documents, {len(worker.queue)} still queued")


if __name__ == "__main__":
    main()
