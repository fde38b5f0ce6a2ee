"""The retention recogniser: a container that outlives the call and only grows.

An in-use heap shows memory still held; a field, a package-level map or a module-level list
that every call adds to, with nothing ever removing entries, is what holds it. Whether the
container outlives the call comes from the function's own bindings (``FunctionFacts``).
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, calls_named, short

_GROW = {
    "append",
    "push",
    "add",
    "insert",
    "setdefault",
    "put",
    "Store",
    "appendleft",
    "Push",
    "Add",
    "set",
    "extend",
    "unshift",
}
_SHRINK = {
    "pop",
    "remove",
    "delete",
    "clear",
    "Delete",
    "evict",
    "popitem",
    "discard",
    "Remove",
    "shift",
    "trim",
    "truncate",
}


_ANY_BOUND = "a size-capped cache with eviction (an LRU or a TTL)"
#: A bounded cache, per grammar.
_BOUNDED = {
    "go": "a size-capped LRU (container/list with a map, or hashicorp/golang-lru) or entries "
    "with a TTL swept by a ticker",
    "python": "functools.lru_cache(maxsize=...) or cachetools.LRUCache / TTLCache",
    "javascript": "an LRU with a maximum size and TTL (lru-cache's max / ttl), or delete "
    "entries when their request is done",
    "typescript": "an LRU with a maximum size and TTL (lru-cache's max / ttl), or delete "
    "entries when their request is done",
    "java": "a Caffeine cache with maximumSize / expireAfterWrite (or a LinkedHashMap with "
    "removeEldestEntry)",
    "csharp": "MemoryCache with a SizeLimit and expirations",
    "ruby": "an LRU (lru_redux) or Rails.cache with expires_in",
    "rust": "the lru crate's LruCache with a capacity",
}


def unbounded_growth(code: HotCode) -> Construct | None:
    """Add to a long-lived container on every call with nothing removing entries."""
    if code.family not in ("inuse", "alloc", "goroutine"):
        return None
    if {c.name for c in code.facts.calls} & _SHRINK:
        return None
    # Only state that outlives the call can grow without bound: a field, a package- or
    # module-level container, a captured one; never a local the call drops.
    lasting = code.facts.outlives_call
    grows = [c for c in calls_named(code, _GROW) if c.receiver and lasting(c.receiver)]
    stores = [
        u
        for u in code.facts.updates
        if u.operator == "[]=" and code.is_hot(u.line) and lasting(u.target)
    ]
    appends = [
        u
        for u in code.facts.updates
        if code.is_hot(u.line) and "append(" in u.value and lasting(u.target)
    ]
    if not grows and not stores and not appends:
        return None
    line, container = (
        (grows[0].line, grows[0].receiver)
        if grows
        else (stores[0].line, stores[0].target.split("[")[0])
        if stores
        else (appends[0].line, appends[0].target)
    )
    return Construct(
        "unbounded-growth",
        "retained_memory",
        line,
        f"{short(container, 30)} grows without bound",
        f"adds to `{short(container, 40)}` on every call ({code.ref(line)}) and nothing "
        "removes entries: the container only grows, accumulating what every call leaves in "
        "it, and that is the memory the in-use profile holds",
        f"Bound it: {_BOUNDED.get(code.language, _ANY_BOUND)}, "
        "trim old entries, or do not keep the data at all; copy the small part you keep out "
        "of large buffers.",
        8,
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
