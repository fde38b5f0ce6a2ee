"""Checkpoint values compressed on their way to the store, so that a checkpoint stays a few KB.

A thread's state is JSON-like text (the top table, the source matches with their code, the
report): it compresses three to five times. LangGraph's serializer writes it as msgpack; this
one, a :class:`JsonPlusSerializer` so that LangGraph's strict msgpack allowlist still applies,
deflates every value over :data:`COMPRESS_OVER` bytes and marks its type ``zlib+<type>``.
Values written before (plain ``msgpack``) and small ones are read and written as before.

:class:`LongText` marks a long string that Postgres should keep as a (compressed) blob: its
checkpointer stores strings inline in every checkpoint row, and a rendered report is KBs.
"""

from __future__ import annotations

import zlib
from typing import Any

from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from profile_insights.agent.errors import ThreadStoreError

#: Values up to this size are stored as they are: deflating them would save a few bytes.
COMPRESS_OVER = 512
PREFIX = "zlib+"
#: A stored value inflates to at most this: a damaged or hostile row must not fill memory.
MAX_INFLATED = 256 * 1024 * 1024


class LongText:
    """A long string on its way to a blob; it is read back as the plain ``str``."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        """Wrap ``text``."""
        self.text = text


class CompressingSerializer(JsonPlusSerializer):
    """LangGraph's serializer, with values over :data:`COMPRESS_OVER` bytes deflated."""

    def dumps_typed(self, obj: Any) -> tuple[str, bytes]:
        """Serialize ``obj`` as LangGraph does, then deflate it when that pays."""
        kind, data = super().dumps_typed(obj.text if isinstance(obj, LongText) else obj)
        if len(data) <= COMPRESS_OVER or kind in ("null", "empty"):
            return kind, data
        return PREFIX + kind, zlib.compress(data, 6)

    def loads_typed(self, data: tuple[str, bytes]) -> Any:
        """Inflate a value written by :meth:`dumps_typed`, then read it as LangGraph does."""
        kind, payload = data
        if not kind.startswith(PREFIX):
            return super().loads_typed(data)
        inflater = zlib.decompressobj()
        try:
            plain = inflater.decompress(payload, MAX_INFLATED)
        except zlib.error as error:
            raise ThreadStoreError(
                f"a stored checkpoint value is damaged ({error})",
                "Ask the question again: the thread cannot be read back.",
            ) from error
        if inflater.unconsumed_tail:
            raise ThreadStoreError(
                f"a stored checkpoint value inflates to more than {MAX_INFLATED >> 20} MiB",
                "Ask the question again: the thread cannot be read back.",
            )
        return super().loads_typed((kind[len(PREFIX) :], plain))
