"""fare-quotes configuration (environment overrides for deployment)."""

import os

WORKERS = int(os.environ.get("WORKERS", "8"))

# fare rules service replicas, in the order of the deployment manifest
RULES_REPLICAS = [
    entry.strip()
    for entry in os.environ.get("FARE_RULES_REPLICAS", "").split(",")
    if entry.strip()
]

# the rules service answers in a few milliseconds; its p99.9 is about 150 ms
RULES_CONNECT_TIMEOUT = 0.5
RULES_READ_TIMEOUT = 0.25
