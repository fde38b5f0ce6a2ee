"""Simulated report requests against the report API, profiled with pyroscope-io.

Usage: python app.py SERVER_URL SECONDS  (tags come from PYROSCOPE_TAGS as k=v,k=v)
"""

import os
import sys
import time

import pyroscope
from reports.build import build_report
from reports.render import render


def main():
    """Configure the profiler and serve report requests until the time is up."""
    pairs = os.environ.get("PYROSCOPE_TAGS", "").split(",")
    tags = dict(item.split("=", 1) for item in pairs if item)
    pyroscope.configure(
        application_name=os.environ.get("SERVICE_NAME", "report-renderer"),
        server_address=sys.argv[1],
        tags=tags,
        upload_interval=2,
    )
    documents = {region: build_report(region) for region in ("emea", "amer", "apac")}
    cached = {}
    deadline = time.time() + float(sys.argv[2])
    served = 0
    while time.time() < deadline:
        for region, document in documents.items():
            status, headers, _ = render(document, cached.get(region))
            cached[region] = headers["ETag"]
            served += status == 304
    pyroscope.shutdown()
    sys.stderr.write(f"served {served} cached reports\n")


if __name__ == "__main__":
    main()
