"""python -m routing: replays inbound support e-mails, profiled with Pyroscope."""

import os
import random
import time

import pyroscope

from routing import mirror
from routing.directory import Directory
from routing.queues import Assigner, choose_queue

SUBJECTS = (
    "Invoice for March looks wrong",
    "Cannot login since yesterday",
    "Dashboard not loading",
    "Question about seats",
    "Refund for duplicate charge",
    "SSO setup",
    "Feature request: export to CSV",
)


def messages(db, seed=5):
    rng = random.Random(seed)
    senders = mirror.sample_senders(db, 4000)
    while True:
        subject = rng.choice(SUBJECTS)
        yield rng.choice(senders), subject, f"Hello,\n\n{subject.lower()} - please help.\n" * 3


def route(directory, assigner, message):
    address, subject, body = message
    sender = directory.find_sender(address)
    queue = choose_queue(sender, subject, body)
    agent = assigner.assign(queue)
    cc = directory.colleagues(sender.account_id) if sender and queue == "priority" else []
    return {"queue": queue, "agent": agent, "known": sender is not None, "cc": cc}


def main():
    pyroscope.configure(
        application_name="inbound-routing",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        gil_only=False,  # the CRM mirror runs queries with the GIL released
    )
    db = mirror.build()
    directory = Directory(db)
    assigner = Assigner()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    routed = known = 0
    for message in messages(db):
        known += route(directory, assigner, message)["known"]
        routed += 1
        if routed % 20 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"routed {routed} messages, {known} from known senders, per queue {assigner.assigned}")


if __name__ == "__main__":
    main()
