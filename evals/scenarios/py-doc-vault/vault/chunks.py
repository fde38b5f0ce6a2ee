"""Chunking, deduplication and the chunk store."""

import hashlib
import zlib

CHUNK_SIZE = 256 * 1024
STORE_LEVEL = 6


class ChunkStore:
    """Content-addressed chunks; each stored chunk is kept compressed."""

    def __init__(self, capacity_chunks=400):
        self.chunks = {}
        self.order = []
        self.capacity = capacity_chunks
        self.stored_bytes = 0
        self.raw_bytes = 0
        self.dedup_hits = 0

    def _encode(self, data):
        """Return the stored form of a chunk: a one-byte codec tag and the payload."""
        packed = zlib.compress(data, STORE_LEVEL)
        return b"z" + packed

    def _evict(self):
        while len(self.order) > self.capacity:
            digest = self.order.pop(0)
            self.stored_bytes -= len(self.chunks.pop(digest))

    def put(self, data):
        """Store one chunk if it is new; return its content address."""
        digest = hashlib.sha256(data).hexdigest()
        self.raw_bytes += len(data)
        if digest in self.chunks:
            self.dedup_hits += 1
            return digest
        stored = self._encode(data)
        self.chunks[digest] = stored
        self.order.append(digest)
        self.stored_bytes += len(stored)
        self._evict()
        return digest

    def get(self, digest):
        stored = self.chunks[digest]
        return zlib.decompress(stored[1:]) if stored[:1] == b"z" else stored[1:]


def split(body, size=CHUNK_SIZE):
    """Cut a body into fixed-size chunks (the last one shorter)."""
    return [body[i:i + size] for i in range(0, len(body), size)] or [b""]
