"""statement-renderer: renders monthly statements, profiled with Pyroscope."""

import os
import time

import pyroscope

from statements.ledger import accounts
from statements.render import TextStatement

PERIOD = "2026-01"


def main():
    pyroscope.configure(
        application_name="statement-renderer",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    rendered = size = 0
    for account in accounts():
        size += len(TextStatement(account, PERIOD).render())
        rendered += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"rendered {rendered} statements, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
