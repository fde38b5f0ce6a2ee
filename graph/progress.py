"""Progress events: each node tells the caller what it is doing through the stream writer.

Consumers read them with ``graph.stream(..., stream_mode=["updates", "custom"])``; each event
is ``{"step": <node>, "detail": <one line>}``. Outside a streaming run the writer is a no-op.
"""

from __future__ import annotations

from langgraph.config import get_stream_writer


def emit(step: str, detail: str) -> None:
    """Send one progress event for ``step``."""
    try:
        writer = get_stream_writer()
    except RuntimeError:
        # Called outside a graph run (a node invoked directly in a test): nothing listens.
        return
    writer({"step": step, "detail": detail})
