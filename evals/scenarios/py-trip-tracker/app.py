"""trip-tracker: builds van trip tracks (replayed trips), profiled with Pyroscope."""

import os
import time

import pyroscope

from trips.simulate import finished_trips
from trips.tracks import build_track, summarize


def main():
    pyroscope.configure(
        application_name="trip-tracker",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    trips = km = 0
    for van, pings in finished_trips():
        summary = summarize(van, build_track(pings))
        trips += 1
        km += summary["km"]
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"built {trips} trips, {km:.1f} km")


if __name__ == "__main__":
    main()
