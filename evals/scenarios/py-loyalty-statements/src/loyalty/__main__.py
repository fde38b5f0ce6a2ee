"""Entry point: python -m loyalty (replays member-app statement requests, reports to Pyroscope)."""

import os
import random
import time

import pyroscope

from loyalty.api import StatementApi
from loyalty.ledger import PointsLedger

SERVICE_NAME = "loyalty-statements"


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
    ledger = PointsLedger()
    api = StatementApi(ledger)
    members = ledger.members()
    rng = random.Random(17)
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    clock = ledger.now
    while time.time() < deadline:
        clock += rng.random() * 2
        member = rng.choice(members)
        page = api.get_statement(member, clock, months=rng.choice((3, 6, 12, 12, 24)),
                                 page=rng.choice((0, 0, 0, 1)))
        if api.served % 2000 == 0:
            print(f"{api.served} statements; {page['member']} {page['tier']} "
                  f"{page['balance']} points, {page['total_items']} items", flush=True)
        time.sleep(0.001)  # the app's request rate, ~1 request per millisecond
    pyroscope.shutdown()
    print(f"served {api.served} statements")


if __name__ == "__main__":
    main()
