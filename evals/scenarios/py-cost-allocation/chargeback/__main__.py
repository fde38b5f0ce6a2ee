"""Entry point: python -m chargeback (allocates replayed billing exports, reports to Pyroscope)."""

import os
import time

import pyroscope

from chargeback.allocate import Allocator
from chargeback.export import BillingExport
from chargeback.ledger import Ledger

SERVICE_NAME = "cost-allocation"


def start_profiling() -> None:
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )


def main() -> None:
    export = BillingExport()
    ledger = Ledger()
    allocator = Allocator(minimum_charge=0.50)
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    pools = 0
    while time.time() < deadline:
        pool = export.next_pool()
        ledger.post(pool, allocator.allocate(pool))
        pools += 1
        if pools % 25 == 0:
            print(f"{pools} pools allocated, largest cost centres {ledger.largest()}", flush=True)
    pyroscope.shutdown()
    print(f"allocated {pools} cost pools, {ledger.total_cents() / 100:.2f} posted")


if __name__ == "__main__":
    main()
