"""Checkout sessions, stored as values of a key-value store.

The instances share sessions through the key-value store; here it is an in-memory dict with
the same interface (bytes in, bytes out) and the same time-to-live.
"""

import pickle
import time

SESSION_TTL_SECONDS = 1800


class SessionStore:
    """Sessions by session id."""

    def __init__(self):
        self._values = {}

    def load(self, session_id):
        """The session's state, or None when there is none (or it expired)."""
        stored = self._values.get(session_id)
        if stored is None or stored[0] < time.monotonic():
            return None
        return pickle.loads(stored[1])

    def save(self, session_id, state):
        """Store the session's state and restart its time-to-live."""
        blob = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        self._values[session_id] = (time.monotonic() + SESSION_TTL_SECONDS, blob)
        return len(blob)

    def delete(self, session_id):
        self._values.pop(session_id, None)
