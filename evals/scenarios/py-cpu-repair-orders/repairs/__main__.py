"""python -m repairs: replays a day of repair bookings, profiled with Pyroscope."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time

import pyroscope

from repairs.orders import Booking, BookingDesk, BookingError
from repairs.workshops import partner_workshops

SERVICE_NAME = "repair-orders"
CATEGORIES = ["washing-machine", "dishwasher", "dryer", "oven", "hob", "fridge", "freezer", "microwave"]
TIERS = ["basic", "basic", "basic", "extended", "extended", "premium"]
SYMPTOMS = ["does not start", "leaking water", "makes a grinding noise", "door will not close",
            "not heating", "error code E21", "trips the fuse", "not cooling", ""]


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


def bookings(workshops):
    r = random.Random(11)
    received = dt.datetime(2026, 3, 9, 7, 30)
    n = 0
    while True:
        n += 1
        received += dt.timedelta(seconds=r.randint(20, 400))
        yield Booking(
            reference=f"RO-{n:07d}",
            workshop=r.choice(workshops).code if r.random() > 0.01 else "WS99",
            category=r.choice(CATEGORIES),
            tier=r.choice(TIERS),
            received=received,
            postcode=r.choice(["D02 X285", "T12 K8AF", "H91 E2K3", "V94", ""]),
            symptom=r.choice(SYMPTOMS),
        )


def main() -> None:
    workshops = partner_workshops()
    desk = BookingDesk(workshops)
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    quoted = rejected = 0
    out = 0
    for booking in bookings(workshops):
        try:
            quote = desk.quote(booking)
        except BookingError:
            rejected += 1
        else:
            out += len(json.dumps(quote.as_json()))
            quoted += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"{quoted} repair bookings quoted, {rejected} rejected, {out >> 10} KiB of quotes")


if __name__ == "__main__":
    main()
