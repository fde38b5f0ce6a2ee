"""Per-document manifests and per-case quota accounting."""

import time
from collections import defaultdict

QUOTA_BYTES = 512 * 1024 * 1024


class QuotaExceeded(Exception):
    pass


class Manifests:
    """Which chunks make up each document, and how much each case uses."""

    def __init__(self, store):
        self.store = store
        self.documents = {}
        self.usage = defaultdict(int)

    def add(self, upload, digests):
        if self.usage[upload.case_id] + len(upload.body) > QUOTA_BYTES:
            raise QuotaExceeded(upload.case_id)
        key = f"{upload.case_id}/{upload.filename}"
        self.documents[key] = {
            "content_type": upload.content_type,
            "size": len(upload.body),
            "chunks": digests,
            "stored_at": time.time(),
        }
        self.usage[upload.case_id] += len(upload.body)
        return key

    def ratio(self):
        """Stored bytes per raw byte over everything written so far."""
        raw = self.store.raw_bytes or 1
        return self.store.stored_bytes / raw
