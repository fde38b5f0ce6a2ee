"""python -m scans: replays depot scanner traffic, profiled with Pyroscope."""

import os
import random
import time

import pyroscope

from scans.audit import AuditTrail
from scans.ingest import SCAN_STATUS, Scan, ScanIngest
from scans.routes import HUBS, planned_routes

NEXT_CODE = {
    "created": "ARR",
    "arrived": "SRT",
    "sorted": "LOD",
    "loaded": "OFD",
    "out_for_delivery": "DLV",
    "exception": "ARR",
    "delivered": "DLV",
}


def scanner_traffic(ingest, plans, seed=5):
    """Yield scans forever, mostly in the right order, some duplicated or misrouted."""
    rng = random.Random(seed)
    ids = sorted(plans)
    codes = sorted(SCAN_STATUS)
    while True:
        parcel_id = rng.choice(ids)
        plan = plans[parcel_id]
        state = ingest.states.get(parcel_id)
        status = state.status if state else "created"
        roll = rng.random()
        code = rng.choice(codes) if roll < 0.08 else NEXT_CODE[status]
        hub = rng.choice(HUBS) if roll > 0.95 else rng.choice(plan.hubs)
        yield Scan(parcel_id, code, hub, f"HH-{rng.randint(100, 999)}", time.time())


def main():
    pyroscope.configure(
        application_name="parcel-scans",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    plans = planned_routes(40_000)
    audit = AuditTrail()
    ingest = ScanIngest(plans, audit)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    applied = 0
    for n, scan in enumerate(scanner_traffic(ingest, plans), 1):
        if ingest.apply(scan):
            applied += 1
        if n % 500 == 0:
            audit.ship()
            if time.time() > deadline:
                break
    pyroscope.shutdown()
    print(f"applied {applied} scans, rejected {ingest.rejected}, audit shipped {audit.shipped}")


if __name__ == "__main__":
    main()
