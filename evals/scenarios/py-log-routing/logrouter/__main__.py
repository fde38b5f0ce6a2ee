"""Entry point: python -m logrouter (replays collector traffic)."""

import os
import random
import time

import pyroscope

from logrouter.router import Router
from logrouter.rules import SERVICES, load_tenants
from logrouter.sinks import Sinks


def collector_lines(tenants, seed=3):
    rng = random.Random(seed)
    names = list(tenants)
    words = "request served cache miss retry upstream timeout user login queue drained".split()
    while True:
        tenant = rng.choice(names)
        level = rng.choice(["DEBUG", "INFO", "INFO", "INFO", "WARN", "ERROR"])
        message = " ".join(rng.choice(words) for _ in range(8))
        yield f"[{tenant}] {level} {rng.choice(SERVICES)}/{rng.randint(1, 9)}: {message}"


def main():
    pyroscope.configure(
        application_name="log-router",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    tenants = load_tenants()
    router = Router(tenants, Sinks())
    deadline = time.monotonic() + float(os.environ.get("LOAD_SECONDS", "20"))
    routed = 0
    for line in collector_lines(tenants):
        router.route(line)
        routed += 1
        if routed % 200 == 0 and time.monotonic() > deadline:
            break
    pyroscope.shutdown()
    print(f"routed {routed} lines; {dict(router.sinks.delivered)}")


if __name__ == "__main__":
    main()
