"""The order router: the POS handler queues orders, a dispatcher thread routes them."""

import threading
from collections import deque

from kitchen.tickets import estimate_ready, split_order


class TicketRouter:
    def __init__(self, menu, board):
        self.menu = menu
        self.board = board
        self._intake = deque()
        self._running = False
        self._thread = None
        self.routed = 0

    def start(self):
        self._running = True
        self._thread = threading.Thread(target=self._dispatch, name="dispatcher", daemon=True)
        self._thread.start()

    def stop(self):
        self._running = False
        self._thread.join(timeout=2)

    def submit(self, order):
        """Called by the POS handler for every new order; returns at once."""
        self._intake.append(order)

    def _dispatch(self):
        """Route queued orders to their stations as soon as they arrive."""
        while self._running:
            if not self._intake:
                continue
            order = self._intake.popleft()
            for ticket in split_order(order, self.menu):
                estimate_ready(ticket, self.board.backlog_seconds(ticket.station))
                self.board.post(ticket)
                self.routed += 1
