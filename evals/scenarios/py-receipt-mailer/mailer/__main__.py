"""receipt-mailer: renders order receipts and sends them through the mail relay.

Run: python -m mailer   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF,
LOAD_SECONDS, SMTP_RELAY)
"""

import os
import subprocess
import sys
import time

import pyroscope

from mailer.orders import paid_orders
from mailer.outbox import Outbox
from mailer.receipts import render_receipt

SERVICE_NAME = "receipt-mailer"


def start_relay(seconds):
    """Start the local stand-in of the mail relay; return its process and host:port."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mailer.relaysim", str(seconds + 30)],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().strip()


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    relay, address = None, os.environ.get("SMTP_RELAY")
    if not address:
        relay, address = start_relay(seconds)
    host, port = address.rsplit(":", 1)
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: the mailer mostly waits on the relay, so sample idle threads too
        oncpu=False,
        gil_only=False,
    )
    outbox = Outbox(host, int(port), sender="receipts@shop.acme.example")
    deadline = time.time() + seconds
    sent = 0
    for order in paid_orders():
        outbox.deliver(render_receipt(order, outbox.sender))
        sent += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    if relay is not None:
        relay.terminate()
        relay.wait()
    print(f"sent {sent} receipts, {outbox.bytes_sent} bytes")


if __name__ == "__main__":
    main()
