"""python -m shipper: replays edge access logs through the shipper, profiled with Pyroscope."""

import os
import time

import pyroscope

from shipper.archive import ArchiveClient
from shipper.batches import Batcher
from shipper.parse import parse_line
from shipper.traffic import access_lines


def main():
    pyroscope.configure(
        application_name="access-log-shipper",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # the compressors release the GIL: sample threads that do not hold it too
        gil_only=False,
    )
    archive = ArchiveClient()
    batcher = Batcher(archive, max_lines=500)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    lines = skipped = 0
    for raw in access_lines():
        record = parse_line(raw)
        if record is None:
            skipped += 1
        else:
            batcher.add(record)
        lines += 1
        if lines % 500 == 0 and time.time() > deadline:
            break
    batcher.flush()
    pyroscope.shutdown()
    print(
        f"shipped {lines - skipped} lines in {archive.batches} batches, "
        f"{archive.bytes_in} bytes -> {archive.bytes_out} bytes, {skipped} skipped"
    )


if __name__ == "__main__":
    main()
