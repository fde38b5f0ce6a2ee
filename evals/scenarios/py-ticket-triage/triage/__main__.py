"""ticket-triage: routes support tickets to queues, profiled with Pyroscope (CPU and memory)."""

import os
import time

import pyroscope

from triage.rules import default_rules
from triage.service import TriageService
from triage.tickets import ticket_stream

TICKETS_PER_SECOND = 400


def main():
    pyroscope.configure(
        application_name="ticket-triage",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        mem_enabled=True,
    )
    service = TriageService(default_rules())
    started = time.time()
    deadline = started + float(os.environ.get("LOAD_SECONDS", "20"))
    handled = 0
    by_queue = {}
    for ticket in ticket_stream():
        decision = service.handle(ticket)
        by_queue[decision["queue"]] = by_queue.get(decision["queue"], 0) + 1
        handled += 1
        if handled % 40 == 0:
            # the help-desk delivers tickets at a steady rate
            ahead = handled / TICKETS_PER_SECOND - (time.time() - started)
            if ahead > 0:
                time.sleep(ahead)
            if time.time() > deadline:
                break
    pyroscope.shutdown()
    print(f"triaged {handled} tickets: {dict(sorted(by_queue.items()))}")


if __name__ == "__main__":
    main()
