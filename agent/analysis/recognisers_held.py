"""Memory held by a memoiser with no bound, or by a buffer a read loop keeps per peer."""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, short
from profile_insights.agent.analysis.recognisers_memory import ANY_BOUND, BOUNDED

#: A memo with no bound: ``@lru_cache(maxsize=None)``, ``@cache``, ``_.memoize(fn)``.
_UNBOUNDED_MEMO = re.compile(
    r"^@(functools\.)?(cache|lru_cache\(\s*(maxsize\s*=\s*)?None\s*[,)])|^@(\w+\.)*memoize\b"
)
_MEMOIZERS = {"memoize", "memoizee", "memoizeOne", "moize", "cache"}


def unbounded_memo(code: HotCode) -> Construct | None:
    """Memoise a function with no size bound: one entry per distinct argument, forever."""
    if code.family != "inuse":
        return None
    decorator = next((d for d in code.facts.decorators if _UNBOUNDED_MEMO.match(d)), None)
    passed = code.facts.passed_to
    if decorator is None and passed is not None and passed.name in _MEMOIZERS:
        decorator = passed.callee
    if decorator is None:
        return None
    method = bool(code.facts.parameters & {"self", "cls"})
    line = code.facts.start_line
    keeps_self = " On a method it also keeps every `self` it was called on alive." if method else ""
    return Construct(
        "unbounded-memo",
        "retained_memory",
        line,
        f"{short(decorator, 40)} keeps every result, with no bound",
        f"memoises `{code.facts.name}` with `{short(decorator, 40)}` ({code.ref(line)}): the "
        "cache has no size limit, so it keeps one result for every distinct argument it was "
        "ever called with, and arguments that differ per request make it grow for the life "
        f"of the process.{keeps_self}",
        f"Give the memo a bound: {BOUNDED.get(code.language, ANY_BOUND)}; or memoise on a "
        "key with few values (not the request, a user ID or a timestamp), or do not memoise "
        "at all.",
        9,
    )


#: Reads that wait on a peer (a connection, a socket, a stream).
_PEER_READS = {"Read", "ReadFrom", "ReadMessage", "ReadString", "ReadBytes", "recv", "recv_into",
               "read", "readline", "Receive", "on"}  # fmt: skip
_PEERS = re.compile(r"(?i)conn|sock|stream|ws|client|peer|session|reader|rd|r$")


def read_loop_buffer(code: HotCode) -> Construct | None:
    """Hold a buffer for the life of a read loop: as many buffers as live readers.

    On an in-use heap, a buffer made before a loop that waits on a connection (``buf :=
    make(...)``; ``for { conn.Read(buf) }``) is held for as long as that loop runs: the heap
    holding many of them means many readers still alive, parked in the read because nobody
    closes their connections.
    """
    if code.family != "inuse":
        return None
    made = [
        b
        for b in code.facts.bindings
        if code.is_hot(b.line)
        and re.match(r"(make\(|bytearray\(|Buffer\.alloc|new byte\[)", b.value)
    ]
    reads = [
        c
        for c in code.facts.calls
        if c.name in _PEER_READS
        and c.loop_depth > 0
        and _PEERS.search(c.receiver.split(".")[-1] or c.receiver)
    ]
    if not made or not reads:
        return None
    buffer, read = made[0], reads[0]
    if read.line < buffer.line:
        return None  # a buffer per read is allocation, not a reader's lifetime
    name = ", ".join(buffer.names)
    return Construct(
        "read-loop-buffer",
        "retained_memory",
        buffer.line,
        f"A buffer held by every live reader of {short(read.receiver, 24)}",
        f"makes `{name}` ({code.ref(buffer.line)}) and keeps it for as long as its loop waits "
        f"in `{short(read.callee, 30)}`: the heap holds one per reader still running, so "
        "memory that keeps growing means readers that never exit - goroutines or tasks "
        "blocked forever on connections nobody closes (a leak)",
        "Make every reader end with its client: close the connection when the session or hub "
        "closes (Close unblocks a blocked Read), set read deadlines (SetReadDeadline) or "
        "select on a context to cancel it; a goroutine profile counts the readers parked in "
        "the read.",
        8,
    )
