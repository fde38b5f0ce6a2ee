"""Entry point: python -m sender (plans replayed campaigns, reports to Pyroscope)."""

import os
import random
import time
from collections import Counter

import pyroscope

from sender.audience import AudienceSource
from sender.planner import DeliveryPlanner
from sender.settings import tenant_defaults

SERVICE_NAME = "campaign-sender"
TENANTS = ["northwind", "brightmart", "cafe-lumen", "peakgear"]


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
    planner = DeliveryPlanner({tenant: tenant_defaults(tenant) for tenant in TENANTS})
    source = AudienceSource()
    rng = random.Random(4)
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    campaigns = planned = 0
    channels: Counter[str] = Counter()
    while time.time() < deadline:
        campaign = source.campaign(rng.choice(TENANTS), size=rng.randint(200, 800))
        deliveries = planner.plan(campaign)
        channels.update(d.channel for d in deliveries)
        campaigns += 1
        planned += len(deliveries)
        if campaigns % 25 == 0:
            print(f"{campaigns} campaigns, {planned} deliveries, {dict(channels)}", flush=True)
    pyroscope.shutdown()
    print(f"planned {planned} deliveries for {campaigns} campaigns, suppressed {planner.suppressed}")


if __name__ == "__main__":
    main()
