"""A request body read with bounds: its size before and after gzip, and the time it may take.

The replay server accepts bodies from anyone who can reach it (SDKs push, Grafana queries):
a body over :data:`MAX_BODY` is refused as it arrives, a gzip body is measured once without
keeping anything before it is inflated for real (a 250 KB body of zeros that inflates to 256
MiB never grows the server), and a client that stops sending is answered after
:data:`BODY_SECONDS`. Refusals are :class:`ConnectReply` errors the server turns into answers.
"""

from __future__ import annotations

import asyncio
import zlib

from starlette.requests import Request

from profile_insights.agent.pyroscope.connect import ConnectReply

#: Largest request body accepted, before and after gzip decompression.
MAX_BODY = 64 * 1024 * 1024
#: Seconds a request body may take to arrive.
BODY_SECONDS = 60.0
_INFLATE_STEP = 1024 * 1024


async def read_body(request: Request) -> bytes:
    """Return the request body, refusing one over :data:`MAX_BODY` before or after gzip.

    The body must arrive within :data:`BODY_SECONDS`: a client that stops sending is answered
    instead of holding its connection open.
    """
    declared = request.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        raise ConnectReply("resource_exhausted", f"request body over {MAX_BODY} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(BODY_SECONDS):
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    raise ConnectReply("resource_exhausted", f"request body over {MAX_BODY} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise ConnectReply(
            "deadline_exceeded", f"the request body did not arrive within {BODY_SECONDS:g}s"
        ) from None
    data = b"".join(chunks)
    if request.headers.get("Content-Encoding", "").lower() == "gzip":
        # Measured first without keeping anything, so a bomb never grows the server.
        _inflate(data, keep=False)
        data = _inflate(data, keep=True)
    return data


def _inflate(data: bytes, *, keep: bool) -> bytes:
    """Decompress a gzip body in steps, stopping as soon as it passes :data:`MAX_BODY`.

    With ``keep=False`` nothing is kept: only the size is checked (memory stays at one step).
    """
    inflater = zlib.decompressobj(wbits=31)
    out: list[bytes] = []
    size = 0
    pending = data
    try:
        while pending:
            chunk = inflater.decompress(pending, _INFLATE_STEP)
            size += len(chunk)
            if size > MAX_BODY:
                raise ConnectReply(
                    "resource_exhausted", f"request body over {MAX_BODY} bytes after gzip"
                )
            if keep:
                out.append(chunk)
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        if not inflater.eof:
            raise ConnectReply("invalid_argument", "bad gzip request body: unexpected end")
    except zlib.error as error:
        raise ConnectReply("invalid_argument", f"bad gzip request body: {error}") from None
    return b"".join(out)
