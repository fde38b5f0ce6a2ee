"""Entry point: python -m attribution (credits replayed visit batches, reports to Pyroscope)."""

import os
import time

import pyroscope

from attribution.ledger import AttributionLedger
from attribution.rules import load_rules
from attribution.visits import VisitStream

SERVICE_NAME = "referral-attribution"


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
    rules = load_rules()
    ledger = AttributionLedger(rules)
    stream = VisitStream(rules.prefixes())
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    batches = visits = credited = 0
    while time.time() < deadline:
        credited += ledger.credit_batch(stream.batch(500))
        visits += 500
        batches += 1
        if batches % 20 == 0:
            print(f"{visits} visits, top campaigns {ledger.top()}", flush=True)
    pyroscope.shutdown()
    print(f"credited {credited} of {visits} visits to {len(rules)} campaign rules")


if __name__ == "__main__":
    main()
