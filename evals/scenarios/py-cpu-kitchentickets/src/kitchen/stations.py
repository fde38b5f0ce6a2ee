"""Station queues and the kitchen display board."""

import threading
from collections import deque


class Board:
    """What the kitchen display screens show: the open tickets of each station."""

    def __init__(self):
        self._queues = {}
        self._lock = threading.Lock()

    def post(self, ticket):
        with self._lock:
            self._queues.setdefault(ticket.station, deque()).append(ticket)

    def backlog_seconds(self, station):
        with self._lock:
            queue = self._queues.get(station, ())
            return sum(ticket.prep_seconds for ticket in queue) / 3  # three cooks per station

    def expire(self, now):
        """Drop the tickets the cooks have bumped (ready for more than two minutes)."""
        with self._lock:
            for queue in self._queues.values():
                while queue and queue[0].ready_at < now - 120:
                    queue.popleft()
                while len(queue) > 200:
                    queue.popleft()

    def open_counts(self):
        with self._lock:
            return {station: len(queue) for station, queue in sorted(self._queues.items())}
