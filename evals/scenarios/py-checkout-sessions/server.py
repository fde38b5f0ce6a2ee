"""checkout-sessions: the steps of the B2B checkout, on stored sessions.

Run: python /home/dev/checkout-sessions/server.py
(PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import os
import time

import pyroscope

from sessions.flow import CheckoutFlow
from sessions.pricing import price_lists
from sessions.store import SessionStore
from sessions.traffic import checkout_steps

SERVICE_NAME = "checkout-sessions"


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        oncpu=True,
        gil_only=True,
    )
    flow = CheckoutFlow(SessionStore(), price_lists())
    deadline = time.time() + seconds
    handled = placed = 0
    for step in checkout_steps():
        response = flow.handle(step)
        handled += 1
        placed += response.get("status") == "placed"
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"handled {handled} checkout steps, {placed} orders placed")


if __name__ == "__main__":
    main()
