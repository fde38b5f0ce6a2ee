"""audit-trail: appends back-office audit events, profiled with Pyroscope."""

import logging
import os
import time

import pyroscope

from audit.events import activity
from audit.trail import AuditTrail


def main():
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    pyroscope.configure(
        application_name="audit-trail",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    trail = AuditTrail()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    for event in activity():
        trail.append(event)
        if trail.length % 100 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    logging.getLogger("audit").info("appended %d events, head %s", trail.length, trail.head[:12])


if __name__ == "__main__":
    main()
