"""The MCP server's stdio transport: the SDK's, with an answer for every line it cannot read.

The ``mcp`` 2.x SDK reads stdin line by line and hands a line that is not a JSON-RPC message
to its dispatcher as an exception, which drops it: the client waits forever for an answer to
a request it got wrong. JSON-RPC 2.0 (section 5.1) says what to answer instead: ``-32700``
for a line that is not JSON, ``-32600`` for JSON that is not a request (a batch, a missing
``method``, ``params`` that are a string), with the request's ``id`` when it can be read and
``null`` otherwise. This module checks each line before the SDK reads it and answers those
itself, through the SDK's own writer, so the server stays up and every request is answered.

Like the SDK (which claims stdout here), it moves the wire off file descriptor 0 while
serving, so a child process reads end-of-file instead of the protocol.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from contextlib import contextmanager
from io import TextIOWrapper
from typing import Any

import anyio
import mcp_types as types
from mcp.server.mcpserver import MCPServer
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage
from pydantic import ValidationError

PARSE_ERROR = -32700
INVALID_REQUEST = -32600


def rejection(line: str) -> types.JSONRPCError | None:
    """Return the JSON-RPC error answering ``line``, or None when it is a message to serve."""
    try:
        types.jsonrpc_message_adapter.validate_json(line, by_name=False)
    except ValidationError as error:
        return _answer(line, error)
    return None


def _answer(line: str, error: ValidationError) -> types.JSONRPCError:
    try:
        message: Any = json.loads(line)
    except (ValueError, RecursionError):
        return _error(
            None,
            PARSE_ERROR,
            "Parse error: the line is not JSON; send one JSON-RPC 2.0 message per line",
        )
    if isinstance(message, list):
        return _error(
            None,
            INVALID_REQUEST,
            "Invalid Request: batches are not supported; send one message per line",
        )
    if not isinstance(message, dict):
        return _error(
            None, INVALID_REQUEST, "Invalid Request: a message is a JSON object; send one per line"
        )
    raw_id = message.get("id")
    request_id = raw_id if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    if "params" in message and not isinstance(message["params"], dict):
        return _error(
            request_id,
            INVALID_REQUEST,
            "Invalid Request: params must be an object; send them as a JSON object",
        )
    if not isinstance(message.get("method"), str) and not ({"result", "error"} & set(message)):
        return _error(
            request_id,
            INVALID_REQUEST,
            "Invalid Request: method must be a string; name the method to call",
        )
    problem = error.errors()[0] if error.errors() else {"msg": "not a JSON-RPC 2.0 message"}
    where = ".".join(str(part) for part in problem.get("loc", ())[1:])
    text = f"{where}: {problem['msg']}" if where else str(problem["msg"])
    return _error(
        request_id,
        INVALID_REQUEST,
        f"Invalid Request: {text[:200]}; send a JSON-RPC 2.0 request (jsonrpc, id, method, params)",
    )


def _error(request_id: str | int | None, code: int, message: str) -> types.JSONRPCError:
    return types.JSONRPCError(
        jsonrpc="2.0", id=request_id, error=types.ErrorData(code=code, message=message)
    )


class CheckedLines:
    """The lines of stdin the SDK may read; the others are answered here, in order."""

    def __init__(self, lines: AsyncIterable[str]) -> None:
        """Read from ``lines``; answers wait for :meth:`attach` to name the writer."""
        self._lines = lines
        self._writer: Any = None
        self._attached = anyio.Event()
        self.answered = 0
        """How many lines were answered with an error here."""

    def attach(self, writer: Any) -> None:
        """Answer through ``writer``, the SDK's stream of outgoing messages."""
        self._writer = writer
        self._attached.set()

    def __aiter__(self) -> AsyncIterator[str]:
        """Yield the lines that are JSON-RPC messages; answer the others."""
        return self._checked()

    async def _checked(self) -> AsyncIterator[str]:
        async for line in self._lines:
            if not line.strip():
                continue  # a blank line between messages carries nothing to answer
            problem = rejection(line)
            if problem is None:
                yield line
                continue
            await self._attached.wait()
            await self._writer.send(SessionMessage(problem))
            self.answered += 1


@contextmanager
def _stdin_moved_off_fd0() -> Iterator[int]:
    """Yield a private duplicate of stdin while fd 0 reads the null device."""
    private = os.dup(0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    try:
        yield private
    finally:
        os.dup2(private, 0)
        os.close(private)


async def serve_stdio(server: MCPServer) -> None:
    """Serve ``server`` over stdin and stdout until stdin ends."""
    with _stdin_moved_off_fd0() as wire:
        stream = TextIOWrapper(
            os.fdopen(wire, "rb", closefd=False), encoding="utf-8", errors="replace"
        )
        lines = CheckedLines(anyio.wrap_file(stream))
        async with stdio_server(stdin=lines) as (read_stream, write_stream):  # type: ignore[arg-type]
            lines.attach(write_stream)
            # MCPServer.run("stdio") does this with the SDK's own, unchecked reader.
            lowlevel = server._lowlevel_server  # noqa: SLF001 - no public hook for the reader
            await lowlevel.run(read_stream, write_stream, lowlevel.create_initialization_options())
