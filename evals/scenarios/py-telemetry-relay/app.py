"""telemetry-relay: forwards agent metric samples, profiled with Pyroscope."""

import os
import time

import pyroscope

from relay.forwarder import CountingTransport, Forwarder
from relay.inventory import agent_samples, load_inventory


def run(seconds):
    inventory = load_inventory()
    transport = CountingTransport()
    forwarder = Forwarder(inventory, transport)
    deadline = time.time() + seconds
    for number, sample in enumerate(agent_samples(inventory), 1):
        forwarder.forward(sample)
        if number % 1000 == 0 and time.time() > deadline:
            break
    return transport


if __name__ == "__main__":
    pyroscope.configure(
        application_name="telemetry-relay",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
            "dc": "fra1",
        },
        upload_interval=5,
        gil_only=False,
    )
    result = run(float(os.environ.get("LOAD_SECONDS", "20")))
    pyroscope.shutdown()
    print(f"forwarded {result.frames} frames, {result.bytes} bytes")
