"""The catalogue service, instrumented with pyroscope-io, pushing to ``profile-insights serve``."""

from __future__ import annotations

import os
import threading
import time

import pyroscope
from catalog.store import Catalog, render


def worker(catalog: Catalog, deadline: float) -> None:
    while time.time() < deadline:
        with pyroscope.tag_wrapper({"route": "/products"}):
            render(catalog, list(range(0, 3000, 7)))


def main() -> None:
    pyroscope.configure(
        application_name="catalog-service",
        server_address=os.environ["PYROSCOPE_URL"],
        report_pid=True,
        report_thread_id=True,
        report_thread_name=True,
        upload_interval=1,
    )
    deadline = time.time() + float(os.environ.get("SECONDS", "8"))
    thread = threading.Thread(target=worker, args=(Catalog(300), deadline), name="request-worker")
    thread.start()
    thread.join()
    pyroscope.shutdown()


if __name__ == "__main__":
    main()
