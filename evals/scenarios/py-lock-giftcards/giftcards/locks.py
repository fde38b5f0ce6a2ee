"""One lock per gift card, so that redemptions of the same card run one after the other."""

import threading
from contextlib import contextmanager


class KeyedLocks:
    """A lock per key, created on first use."""

    def __init__(self):
        self._guard = threading.Lock()
        self._locks = {}

    @contextmanager
    def hold(self, key):
        """Hold the key's lock for the duration of the with-block."""
        with self._guard:
            lock = self._locks.get(key)
            if lock is None:
                lock = self._locks[key] = threading.Lock()
            with lock:
                yield

    def size(self):
        with self._guard:
            return len(self._locks)
