"""doc-vault: replays a stream of case-file uploads, profiled with Pyroscope."""

import os
import time

import pyroscope

from vault.chunks import ChunkStore, split
from vault.manifest import Manifests, QuotaExceeded
from vault.uploads import upload_stream


def ingest(upload, store, manifests):
    """Chunk, store and register one upload; return its document key."""
    digests = []
    for chunk in split(upload.body):
        digests.append(store.put(chunk))
    return manifests.add(upload, digests)


def main():
    pyroscope.configure(
        application_name="doc-vault",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # zlib and hashlib release the GIL on large buffers: sample threads without it too
        gil_only=False,
    )
    store = ChunkStore()
    manifests = Manifests(store)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    stored = refused = 0
    for upload in upload_stream():
        try:
            ingest(upload, store, manifests)
            stored += 1
        except QuotaExceeded:
            refused += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"stored {stored} uploads ({refused} over quota), stored/raw {manifests.ratio():.3f}")


if __name__ == "__main__":
    main()
