"""Entry point: python -m lockerlink (replays a day of locker traffic, reports to Pyroscope)."""

import os
import random
import time

import pyroscope

from lockerlink.banks import SIZES, build_fleet
from lockerlink.dispatch import Dispatcher
from lockerlink.field import FieldBoards

SERVICE_NAME = "locker-link"


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
    fleet = build_fleet(48)
    boards = FieldBoards(fleet)
    dispatcher = Dispatcher(fleet, boards.exchange)
    rng = random.Random(17)
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    events = changed = delivered = collected = 0
    while time.time() < deadline:
        # every bank is polled in turn; drop-offs and pick-ups arrive in between
        bank_id = 1 + events % len(fleet)
        changed += dispatcher.poll(bank_id)
        roll = rng.random()
        if roll < 0.5:
            if dispatcher.drop_off(f"TRK{events:08d}", rng.randint(1, len(fleet)), rng.choice(SIZES)):
                delivered += 1
        elif roll < 0.8 and dispatcher.parcels:
            tracking = next(iter(dispatcher.parcels))
            if dispatcher.pick_up(tracking, dispatcher.parcels[tracking].pickup_code):
                collected += 1
        events += 1
        if events % 2000 == 0:
            print(f"{events} exchanges, {len(dispatcher.parcels)} parcels waiting", flush=True)
    pyroscope.shutdown()
    print(f"{events} polls, {changed} compartment changes, {delivered} delivered, {collected} collected, "
          f"{dispatcher.rejected} without a free compartment, {dispatcher.bad_frames} bad frames")


if __name__ == "__main__":
    main()
