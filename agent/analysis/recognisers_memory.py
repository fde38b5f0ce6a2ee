"""The retention recogniser: a container that outlives the call and only grows.

An in-use heap shows memory still held; a field, a package-level map or a module-level list
that every call adds to, with nothing ever removing entries, is what holds it. Whether the
container outlives the call comes from the function's own bindings (``FunctionFacts``).
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, calls_named, short
from profile_insights.agent.code.facts import field_path

#: Calls that add to the container they are called on.
GROWS = {
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
    "PushBack",
    "PushFront",
    "LoadOrStore",
    "push_back",
    "push_front",
    "concat",
}
#: Calls that add to the container given as their first argument (``heapq.heappush(q, x)``,
#: ``heap.Push(&h, x)``, ``bisect.insort(xs, x)``).
GROWS_IN_FIRST_ARGUMENT = {"heappush", "insort", "insort_left", "insort_right", "Push"}
#: Writes that grow a buffer kept in a field (``j.buf.Write(line)``), not a stream's writes.
_BUFFER_WRITES = {"Write", "WriteString", "WriteByte", "WriteRune", "write"}
_BUFFER = re.compile(r"(?i)(^|[._])(buf|buffer|builder|sb)$")
#: An index that wraps around (a ring: ``items[next % len(items)]``) stores in place.
_WRAPPED_INDEX = re.compile(r"%|&\s*\w*mask|\blen\(")
#: What an ``+=`` adds that is text or a list (not a count or a sum).
_APPENDED_PIECE = re.compile(r"^\[|[\"'`]|\b(str|String|stringify|join|format|repr)\(|\bf[\"']")
#: Calls that take entries out of a container.
SHRINKS = {
    "pop",
    "popleft",
    "splice",
    "Evict",
    "Trim",
    "Clear",
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


ANY_BOUND = "a size-capped cache with eviction (an LRU or a TTL)"
#: A bounded cache, per grammar.
BOUNDED = {
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
    # Only state that outlives the call can grow without bound: a field, a package- or
    # module-level container, a captured one; never a local the call drops.
    found = _growing(code)
    if not found:
        return None
    line, container = found
    counted = _count_bound(code, container)
    if counted is not None:
        # It evicts, but by count: the entries' sizes are what the heap holds.
        return _bounded_by_count(code, line, container, counted)
    if {c.name for c in code.facts.calls} & SHRINKS:
        return None
    never = never_removed(code, line, container)
    if never is not None:
        return never
    if code.language == "go" and field_path(container) in code.facts.resliced_in_file:
        return _resliced_queue(code, line, container)
    if code.language == "go" and field_path(container) in code.facts.removed_in_file:
        peak = _map_at_peak(code, line, container)
        if peak is not None:
            return peak
    if container.split(".")[0] in code.facts.shared_defaults:
        return Construct(
            "mutable-default",
            "retained_memory",
            line,
            f"The default of {short(container, 30)} is one object shared by every call",
            f"adds to `{short(container, 40)}` ({code.ref(line)}), a parameter whose mutable "
            "default is made once, when the function is defined, and shared by every call "
            "that omits it: the container only grows, keeping what every call left in it",
            f"Default the parameter to None and make a new container inside the function "
            f"(`if {container} is None: {container} = []`); if the state is meant to last, "
            "make it an explicit, bounded cache.",
            9,
        )
    keyed = next(
        (
            u.target.split("[", 1)[1].rsplit("]", 1)[0]
            for u in code.facts.updates
            if u.line == line and u.operator == "[]=" and "[" in u.target
        ),
        "",
    )
    how = (
        f"adds an entry under every new key (`{short(keyed, 30)}`) it is called with "
        f"({code.ref(line)}) and nothing removes entries: the map grows by one entry per "
        "distinct key, for good, so keys that never repeat (an id, a raw path) grow it on "
        "every request"
        if keyed
        else f"adds to `{short(container, 40)}` on every call ({code.ref(line)}) and nothing "
        "removes entries: the container only grows, accumulating what every call leaves in it"
    )
    return Construct(
        "unbounded-growth",
        "retained_memory",
        line,
        f"{short(container, 30)} grows without bound",
        f"{how}, and that is the memory the in-use profile holds",
        (
            "Key it by something with few distinct values (the route template, not the raw "
            "path with its ids), or bound it: "
            if keyed
            else "Bound it: "
        )
        + f"{BOUNDED.get(code.language, ANY_BOUND)}, "
        "trim old entries, or do not keep the data at all; copy the small part you keep out "
        "of large buffers.",
        8,
    )


def never_removed(code: HotCode, line: int, container: str) -> Construct | None:
    """Name a container whose only remover is a function nothing calls, if it is one.

    Or a Go slice whose removals truncate it without clearing the vacated slot.
    """
    if code.family != "inuse":
        return None  # what stays reachable explains a heap in use, not what is allocated
    path = field_path(container)
    if code.language == "go" and path in code.facts.truncated_in_file:
        return _truncated_not_cleared(code, line, container.split("[")[0])
    remover = next((f for p, f in code.facts.uncalled_removers if p == path), None)
    if remover is None:
        return None
    container = container.split("[")[0]
    return Construct(
        "remover-never-called",
        "retained_memory",
        line,
        f"Entries added to {short(container, 30)} are never removed",
        f"adds to `{short(container, 40)}` on every call ({code.ref(line)}); `{remover}` would "
        "remove entries, but nothing in the checkout calls it: every entry stays registered "
        "after its user is gone, with everything it holds (its buffers, channels, closures), "
        "so the container grows for as long as the process runs",
        f"Call `{remover}` where the entry's user goes away (on close, disconnect or the end "
        "of the request, e.g. with defer or a finally block), and as a safety net expire "
        "entries nobody reads (a TTL or a maximum size).",
        10,
    )


def _truncated_not_cleared(code: HotCode, line: int, container: str) -> Construct:
    """Name a Go slice whose elements are removed by truncation, leaving their pointers."""
    return Construct(
        "truncated-not-cleared",
        "retained_memory",
        line,
        f"Elements removed from {short(container, 30)} by truncation stay reachable",
        f"adds to `{short(container, 40)}` ({code.ref(line)}), and another function removes "
        "elements by truncating the slice (`s = s[:last]`) without clearing the vacated slot: "
        "the backing array past the new length still points at the removed elements, so they "
        "(and what they hold) stay reachable, and the array keeps its peak size",
        "Clear the slot before truncating (`s[last] = nil`, or the zero value; Go 1.21's "
        "slices.Delete and clear() do it), and copy into a smaller slice when len falls well "
        "below cap.",
        10,
    )


def _resliced_queue(code: HotCode, line: int, container: str) -> Construct:
    """Name a Go slice used as a queue that is popped by re-slicing from the front."""
    return Construct(
        "resliced-queue",
        "retained_memory",
        line,
        f"{short(container, 30)} used as a queue popped by re-slicing",
        f"appends to `{short(container, 40)}` ({code.ref(line)}), which another function pops "
        "by re-slicing from the front (`q = q[1:]`): the backing array still holds every "
        "popped element (the pointers are not cleared, so nothing they reference can be "
        "freed), and the array is only replaced when append outgrows it, so the queue keeps "
        "its peak and its dead head alive",
        "Clear the slot before re-slicing (`q[0] = nil` or the zero value), and copy the live "
        "part into a new slice when len falls well below cap; or use a ring buffer (a fixed "
        "array with head and tail indexes) or a channel as the queue.",
        9,
    )


#: A bound on how many entries a container holds: ``len(c.items) > c.max``, ``.size >= limit``.
_COUNT_BOUND = re.compile(
    r"(\blen\([^)]*\)|\.Len\(\)|\.Count\b|\.size\b|\.length\b|\.size\(\))\s*>=?\s*[\w.]+"
)


def _count_bound(code: HotCode, container: str) -> str | None:
    """Return the comparison bounding the function's container by its number of entries.

    It measures state of the container's owner (``c.ll.Len() > c.maxEntries`` for ``c.ll``),
    not an argument (``len(payload) > maxSize`` checks a request).
    """
    owner = re.escape(container.split(".")[0].split("[")[0])
    found = next(
        (
            text
            for _, text in code.facts.limits
            if _COUNT_BOUND.search(text) and re.search(rf"(?<![\w.]){owner}\.", text.split(">")[0])
        ),
        None,
    )
    # A bound on bytes (``c.bytes > c.max``, ``size_bytes``) already counts memory.
    if found is None or re.search(r"(?i)bytes|memory|weight|cost", found):
        return None
    return found


def _bounded_by_count(code: HotCode, line: int, container: str, bound: str) -> Construct:
    """Name a cache bounded by how many entries it holds, not by their size."""
    return Construct(
        "bounded-by-count",
        "retained_memory",
        line,
        f"{short(container, 30)} bounded by its number of entries, not their size",
        f"adds to `{short(container, 40)}` ({code.ref(line)}) and evicts only on "
        f"`{short(bound, 50)}`: the bound counts entries, not the bytes they hold, so with "
        "entries of varying (or large) size the cap allows far more memory than intended, "
        "and until it is reached nothing is evicted at all",
        "Bound it by size: keep the total bytes of the values beside the container (a byte "
        "budget) and evict the least recently used entries while it exceeds the budget; or "
        "derive the entry cap from the memory budget divided by the largest entry.",
        9,
    )


def _map_at_peak(code: HotCode, line: int, container: str) -> Construct | None:
    """Name a Go map that entries leave but whose buckets stay at their peak."""
    assigned = any(
        u.line == line and u.operator == "[]=" and u.target.startswith(container)
        for u in code.facts.updates
    )
    if not assigned:
        return None  # a slice or a list with a delete elsewhere: nothing Go-map specific
    return Construct(
        "map-at-peak",
        "retained_memory",
        line,
        f"{short(container, 30)} keeps its peak size after entries are deleted",
        f"inserts into the map `{short(container, 40)}` ({code.ref(line)}), which another "
        "function deletes from: a Go map never shrinks, so after a burst (a backlog, a "
        "replay, a spike) its buckets stay allocated at the high-water mark even once the "
        "entries are deleted and the map is nearly empty",
        f"Rebuild the map when it drops well below its peak (copy the live entries into a "
        f"new map, `m2 := make(map[K]V, len({short(container, 30)}))`, and drop the old "
        "one), or keep large values behind pointers so the buckets themselves stay small; "
        "bound the burst if it can be bounded.",
        9,
    )


def _growing(code: HotCode) -> tuple[int, str] | None:
    """Return the hot line that adds to a container outliving the call, and the container."""
    lasting = code.facts.outlives_call
    hot = code.hot_calls()
    grows = [
        (c.line, c.receiver) for c in calls_named(code, GROWS) if c.receiver and lasting(c.receiver)
    ]
    grows += [
        (c.line, c.receiver)
        for c in hot
        if c.name in _BUFFER_WRITES and _BUFFER.search(c.receiver) and lasting(c.receiver)
    ]
    grows += [
        (c.line, container)
        for c in hot
        if c.name in GROWS_IN_FIRST_ARGUMENT
        and (c.name != "Push" or c.receiver.endswith("heap"))
        and lasting(container := c.first_argument.lstrip("&*"))
    ]
    for update in code.facts.updates:
        if not code.is_hot(update.line) or not lasting(update.target):
            continue
        key = update.target[update.target.find("[") :] if "[" in update.target else ""
        if update.operator == "[]=" and not _WRAPPED_INDEX.search(key):
            grows.append((update.line, update.target.split("[")[0]))
        elif "append(" in update.value or (
            update.operator in ("+=", "<<", "<<=", "|=")
            and code.family == "inuse"
            and (update.textual or _APPENDED_PIECE.search(update.value))
        ):
            grows.append((update.line, update.target))
    return min(grows, key=lambda found: (not code.is_hot(found[0]), found[0])) if grows else None
