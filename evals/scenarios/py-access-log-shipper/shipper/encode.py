"""Encoding of a batch for the archive: newline-delimited JSON, xz-compressed."""

import json
import lzma

CONTENT_TYPE = "application/x-ndjson"
CONTENT_ENCODING = "xz"


def encode_batch(records, sequence):
    """Return the batch body as the archive stores it, and its headers."""
    text = "\n".join(json.dumps(record, separators=(",", ":")) for record in records)
    raw = text.encode("utf-8")
    body = lzma.compress(raw, preset=9)
    headers = {
        "content-type": CONTENT_TYPE,
        "content-encoding": CONTENT_ENCODING,
        "x-batch-sequence": str(sequence),
        "x-batch-lines": str(len(records)),
        "x-uncompressed-length": str(len(raw)),
    }
    return body, headers
