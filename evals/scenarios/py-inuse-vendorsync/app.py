"""vendor-sync: applies supplier price files to the catalogue, profiled with Pyroscope (CPU and memory)."""

import os
import time

import pyroscope

from sync.feeds import supplier_uploads
from sync.ingest import Catalogue, Ingestor
from sync.report import RejectionLog


def main():
    pyroscope.configure(
        application_name="vendor-sync",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        mem_enabled=True,
    )
    ingestor = Ingestor(Catalogue(), RejectionLog())
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    handled = 0
    for upload in supplier_uploads():
        ingestor.ingest(upload)
        handled += 1
        # uploads arrive from the bucket notifications a few dozen per second at peak
        time.sleep(0.01)
        if handled % 20 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    summary = ingestor.rejections.summary()
    print(
        f"handled {handled} price files: {ingestor.applied} applied, "
        f"{sum(summary.values())} rejected from {len(summary)} suppliers; "
        f"{len(ingestor.catalogue.prices)} catalogue prices"
    )


if __name__ == "__main__":
    main()
