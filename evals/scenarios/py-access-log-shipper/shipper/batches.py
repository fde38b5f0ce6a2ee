"""Batching of parsed access-log records: the archive takes whole batches, never single lines."""

from shipper.encode import encode_batch


class Batcher:
    """Collects records and ships them to the archive in batches of max_lines."""

    def __init__(self, archive, max_lines=500):
        self.archive = archive
        self.max_lines = max_lines
        self.pending = []
        self.sequence = 0

    def add(self, record):
        """Queue one record; ship the batch when it is full."""
        self.pending.append(record)
        if len(self.pending) >= self.max_lines:
            self.flush()

    def flush(self):
        """Ship what is queued as one batch."""
        if not self.pending:
            return
        self.sequence += 1
        body, headers = encode_batch(self.pending, self.sequence)
        self.archive.put(f"edge/{self.sequence:08d}.ndjson.xz", body, headers)
        self.pending = []
