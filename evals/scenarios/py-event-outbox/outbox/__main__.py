"""python -m outbox: replays accepted orders through the outbox, profiled with Pyroscope."""

import os
import time

import pyroscope

from outbox.broker import BrokerConnection
from outbox.handlers import OrderAcceptedHandler
from outbox.orders import accepted_orders


def main():
    pyroscope.configure(
        application_name="event-outbox",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # zlib releases the GIL while it compresses: sample threads without it too
        gil_only=False,
    )
    broker = BrokerConnection()
    handler = OrderAcceptedHandler(broker)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    orders = 0
    for order in accepted_orders():
        handler.handle(order)
        orders += 1
        if orders % 20 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"published {broker.published} messages for {orders} orders, {broker.bytes_out} bytes")


if __name__ == "__main__":
    main()
