"""kitchen-tickets: routes POS orders to the kitchen stations, profiled with Pyroscope.

Run: python -m kitchen (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import os
import time

import pyroscope

from kitchen.menu import load_menu
from kitchen.pos import order_stream
from kitchen.router import TicketRouter
from kitchen.stations import Board


def main():
    pyroscope.configure(
        application_name="kitchen-tickets",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    menu = load_menu()
    board = Board()
    router = TicketRouter(menu, board)
    router.start()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    received = 0
    for gap, order in order_stream(menu):
        time.sleep(gap)  # the next order arrives from a terminal
        router.submit(order)
        received += 1
        if received % 50 == 0:
            board.expire(time.time())
            if time.time() > deadline:
                break
    router.stop()
    pyroscope.shutdown()
    print(f"received {received} orders, routed {router.routed} tickets; open per station {board.open_counts()}")


if __name__ == "__main__":
    main()
