"""Audit trail of scan decisions, kept for the claims team.

Every entry records the parcel, what was decided and which part of the
ingestion decided it, so a claim investigator can follow a lost parcel.
"""

import inspect
import time
from collections import deque


class AuditTrail:
    """A bounded in-memory trail that a background job ships to the archive."""

    def __init__(self, capacity=50_000):
        self.entries = deque(maxlen=capacity)
        self.shipped = 0

    def _origin(self):
        """Return 'module.function:line' of the code that asked for the entry."""
        frames = inspect.stack()
        caller = frames[2]
        module = inspect.getmodule(caller.frame)
        name = module.__name__ if module else "?"
        return f"{name}.{caller.function}:{caller.lineno}"

    def record(self, parcel_id, event, detail=""):
        """Append one entry: when, which parcel, what happened, and where it was decided."""
        self.entries.append(
            {
                "at": time.time(),
                "parcel": parcel_id,
                "event": event,
                "detail": detail,
                "origin": self._origin(),
            }
        )

    def ship(self, batch=2_000):
        """Hand the oldest entries to the archive (here: count and drop them)."""
        sent = 0
        while self.entries and sent < batch:
            self.entries.popleft()
            sent += 1
        self.shipped += sent
        return sent
