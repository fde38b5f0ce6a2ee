"""python -m billing: import usage exports until LOAD_SECONDS have passed."""

import os
import time

import pyroscope

from billing.aggregate import line_items, merge
from billing.exports import export_files
from billing.usage import parse_export


def main():
    pyroscope.configure(
        application_name="billing-import",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    ledger = {}
    files = 0
    for text in export_files():
        merge(ledger, line_items(parse_export(text)))
        files += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"imported {files} export files into {len(ledger)} line items")


if __name__ == "__main__":
    main()
