"""The log archive's upload API; locally an in-memory stand-in that counts what it receives."""

from collections import deque


class ArchiveClient:
    """PUTs batch objects into the archive bucket."""

    def __init__(self, keep=20):
        self.objects = deque(maxlen=keep)
        self.batches = 0
        self.bytes_in = 0
        self.bytes_out = 0

    def put(self, key, body, headers):
        """Upload one batch object (here: remember the last ones and count bytes)."""
        self.objects.append((key, headers, body))
        self.batches += 1
        self.bytes_in += int(headers["x-uncompressed-length"])
        self.bytes_out += len(body)
