"""payout-submitter: sends the marketplace's seller payouts to the bank's payout API.

Run: python app.py   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import logging
import os
import time

import pyroscope

from payouts.gateway import LocalPayoutGateway
from payouts.ledger import payout_batches
from payouts.submitter import PayoutSubmitter

SERVICE_NAME = "payout-submitter"
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
        # wall-clock sampling: a payout run is mostly waiting on the bank, so sample idle threads too
        oncpu=False,
        gil_only=False,
    )


def main():
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    start_profiling()
    submitter = PayoutSubmitter(LocalPayoutGateway(), signing_key=b"payout-signing-key-2026")
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    runs = 0
    for batch in payout_batches():
        submitter.submit_batch(batch)
        runs += 1
        if time.time() >= deadline:
            break
    pyroscope.shutdown()
    stats = submitter.stats
    log.info(
        "%d payout runs: %d accepted, %d failed, %d retries",
        runs,
        stats["accepted"],
        stats["failed"],
        stats["retries"],
    )


if __name__ == "__main__":
    main()
