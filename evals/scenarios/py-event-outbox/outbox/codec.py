"""Message envelopes: what goes on the wire for every published event."""

import gzip
import json
import time
import uuid

CONTENT_TYPE = "application/json"
CONTENT_ENCODING = "gzip"


def envelope(topic, payload, correlation_id):
    """Wrap an event payload with the headers every consumer expects."""
    return {
        "id": str(uuid.uuid4()),
        "topic": topic,
        "correlation_id": correlation_id,
        "produced_at": time.time(),
        "schema": f"{topic}/v3",
        "payload": payload,
    }


def encode_message(message):
    """Return the message body as it is sent to the broker, and its headers."""
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    compressed = gzip.compress(body, compresslevel=9)
    headers = {
        "content-type": CONTENT_TYPE,
        "content-encoding": CONTENT_ENCODING,
        "x-uncompressed-length": str(len(body)),
    }
    return compressed, headers
