"""Render report documents and their ETags."""

import hashlib
import json


def etag(document):
    """Return a strong ETag for a report document."""
    canonical = json.dumps(document, indent=2, sort_keys=True)
    return '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'


def render(document, if_none_match=None):
    """Return (status, headers, body) for a report request."""
    tag = etag(document)
    if if_none_match == tag:
        return 304, {"ETag": tag}, b""
    body = json.dumps(document, indent=2, sort_keys=True).encode()
    return 200, {"ETag": tag, "Content-Type": "application/json"}, body
