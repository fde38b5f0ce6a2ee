"""attachment-scan: the mail gateway's scan hook for inbound attachments.

Run: python app.py   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import logging
import os
import tempfile
import time

import pyroscope

from scanner.mailbox import messages
from scanner.scan import AttachmentScanner, quarantine_list

SERVICE_NAME = "attachment-scan"
log = logging.getLogger(SERVICE_NAME)


def start_profiling():
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: the hook mostly waits on the scanner, so sample idle threads too
        oncpu=False,
        gil_only=False,
    )


def main():
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    quarantined = 0
    with tempfile.TemporaryDirectory(prefix="attachment-spool-") as spool:
        scanner = AttachmentScanner(spool)
        for message in messages():
            quarantined += len(quarantine_list(scanner.scan_message(message)))
            if time.time() >= deadline:
                break
    pyroscope.shutdown()
    stats = scanner.stats
    log.info(
        "%d messages, %d attachments scanned, %d infected, %d quarantined",
        stats["messages"],
        stats["attachments"],
        stats["infected"],
        quarantined,
    )


if __name__ == "__main__":
    main()
