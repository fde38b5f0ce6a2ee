"""Locks: slow work done while holding one, a write lock for a read, a lock per item.

A lock serialises its callers; what matters is what runs while it is held. These read the
lock regions of the hot function (``FunctionFacts.locks``): the calls inside a region, whether
the region only reads, whether it sits in a loop, and whether the profile shows callers waiting
on its acquire or release line.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, loop_around, short
from profile_insights.agent.code.facts import FunctionFacts

_COSTLY_UNDER_LOCK = re.compile(
    r"(?i)marshal|encode|json|dumps|serializ|sha|md5|hash|digest|sleep|write|read|query|exec|"
    r"fetch|request|post|send|http|printf|sprintf|format|compress|render|copy|sum|"
    r"sort\.(slice|sort|stable|strings|ints)|sorted|\.sort\(|rebuild|reindex|refresh|reload|"
    r"recompute|recalc|(^|\.)(build|index|load|scan|walk|sign|flush|save|sync)\w*$"
)
_READ_NAMES = re.compile(
    r"(?i)^(get|lookup|find|read|load|resolve|locate|query|fetch|has|contains|country|is)"
)
#: The calls that release a lock: they end its region, they are no work done in it.
_RELEASES = ("Unlock", "RUnlock", "unlock", "release")
#: Calls that only read what they are called on (a lookup, a size, a peek at an end).
_READING_CALLS = re.compile(
    r"(?i)^(get|load|len|size|count|peek|contains|has|lookup|find|front|back|keys|values|"
    r"items|copy|string|index|at|first|last)$"
)


#: Calls that only read what a context carries (a span, a logger, a value): no waiting.
_CONTEXT_ACCESSOR = re.compile(r"(?i)(FromContext|^Ctx$|^Value$|^Err$|^Done$|^Deadline$|Span)")
#: Recording on a span (an event, an attribute) appends to memory the tracer flushes later.
_SPAN_RECORDING = re.compile(r"^(AddEvent|SetAttributes?|SetStatus|SetName|RecordError|AddLink)$")
_TAKES_CONTEXT = re.compile(r"^\(\s*(ctx|context\.\w+\(\)|r\.Context\(\)|req\.Context\(\))\s*[,)]")


#: Knowledge entries of lock frames: what a CPU or wall profile shows of a contended lock.
LOCK_ENTRIES = (
    "go-mutex", "go-runtime-lock", "java-locks", "dotnet-locks", "py-threading-lock",
    "py-lock-acquire", "ruby-mutex", "ruby-thread-mutex", "rust-locks", "native-locks",
)  # fmt: skip


#: Kinds of work in a callee that hold a lock for long (an allocation alone does not).
_LONG_WORK = {"cpu_hotspot", "serialization", "compression", "io_wait", "lock_contention"}

#: Calls under a lock that are the shared-state update itself, not work done while holding it.
_TRIVIAL_UNDER_LOCK = {
    "len", "append", "get", "Get", "set", "Set", "Load", "Store", "delete", "pop", "add", "Add",
    "push", "Done", "Unlock", "RUnlock", "release", "popleft", "appendleft", "shift",
    "unshift", "put", "remove", "discard", "setdefault", "update",
    # relinking a list's element (an LRU's touch): constant time
    "MoveToFront", "MoveToBack", "PushFront", "PushBack", "Remove", "move_to_end",
    # a snapshot of the guarded state, to work on after the lock is released
    "list", "dict", "tuple", "items", "values", "keys", "copy", "Clone", "slice",
}  # fmt: skip


#: Calls on a lock's own object that release or signal it (a condition's wait releases it).
_OWN_LOCK_CALLS = {
    "wait", "wait_for", "notify", "notify_all", "Wait", "Signal", "Broadcast", "await",
    "signal", "signalAll",
}  # fmt: skip


def _lock_object(lock: str) -> str:
    """Return the object a region's lock expression names (``with self._cond`` -> self._cond)."""
    text = lock.removeprefix("with").strip().split(" as ")[0]
    return re.sub(r"\.(R?Lock|lock|acquire)\(\)$", "", text).removesuffix("()")


def _trivial(callee: FunctionFacts) -> bool:
    """Return whether a function of the checkout does nothing slow: no loop, no costly call."""
    return not callee.loops and not any(_COSTLY_UNDER_LOCK.search(c.callee) for c in callee.calls)


def lock_held(code: HotCode) -> Construct | None:
    """Hold a lock around slow work, or take a write lock for a read."""
    if code.family not in ("mutex", "block", "cpu", "wall"):
        return None
    regions = [
        r
        for r in code.facts.locks
        if any(r.line <= ln <= r.end_line for ln in code.lines) or code.header_only
    ]
    if not regions:
        regions = list(code.facts.locks) if code.family in ("mutex", "block") else []
    if not regions:
        return None
    # The region the heaviest profiled line is in: where the callers wait most.
    region = max(
        regions,
        key=lambda r: max(
            (code.weight(ln) for ln in code.lines if r.line <= ln <= r.end_line), default=0.0
        ),
    )
    held_across = [ln for ln in code.facts.yields if region.line < ln <= region.end_line]
    # Callers wait where they take it: its line is hot (or a lock profile, or lock frames).
    waited_on = region.line in code.lines[:2] or code.family in ("mutex", "block")
    # What the yield hands out while the shared lock is held is keyed (a per-key lock taken
    # inside it): a limiter or a transaction holds its lock across the yield on purpose.
    keyed = any(
        other is not region and region.line < other.line <= region.end_line
        for other in code.facts.locks
    )
    if held_across and keyed and (waited_on or code.shows(*LOCK_ENTRIES)):
        return _held_across_yield(code, region.lock, region.line, held_across[0])
    if held_across:
        return None  # exclusivity lent to the caller's block on purpose (a transaction)
    lock_object = _lock_object(region.lock)
    trivial = {name for _, name, callee in code.facts.locked_callees if _trivial(callee)}
    inside = [
        c
        for c in code.facts.calls
        if region.line < c.line <= region.end_line
        and c.name not in _RELEASES
        # wait/notify on the region's own condition release or signal it: no work held.
        and not (c.receiver == lock_object and c.name in _OWN_LOCK_CALLS)
        and c.name not in trivial
    ]
    # A call given a context (Go's ctx first) waits on something outside: I/O, a remote call.
    costly = [
        c
        for c in inside
        if (_COSTLY_UNDER_LOCK.search(c.callee) and not c.receiver.endswith("atomic"))
        or (_TAKES_CONTEXT.match(c.arguments) and not _CONTEXT_ACCESSOR.search(c.name))
        or (c.name == "send" and c.callee.endswith("<-") and not c.conditional)
    ]
    # The checkout's own functions called under the lock, with what their bodies do: the
    # explanation when nothing called directly is slow work (a sleep, a write) and the body
    # does long work (a pass, a hash), not just an allocation.
    called = [
        item
        for item in code.called
        if region.line < item[0] <= region.end_line
        and item[2].kind in _LONG_WORK
        and (waited_on or code.family == "wall" or code.shows(*LOCK_ENTRIES))
    ]
    called = called if not costly else []
    costly += [c for c in inside if c.line in {item[0] for item in called} and c not in costly]
    counters = [
        u
        for u in code.facts.updates
        if region.line < u.line <= region.end_line and u.operator in ("++", "+=")
    ]
    writes = [
        u
        for u in code.facts.updates
        if region.line < u.line <= region.end_line and u.operator not in ("++", "+=")
    ]
    # A region that calls slow work (a rebuild, a sort) does more than read, whatever the
    # function is called: that work is what the others wait for.
    looks_up = any(region.line < i.line <= region.end_line for i in code.facts.indexes)
    # A method called on the object's own state (c.order.MoveToFront, c.relink) may change
    # it (an LRU's get moves the entry to the front): only a known read keeps it a read.
    state = {"self", "this", code.facts.receiver} - {""}
    changes = any(
        region.line < c.line <= region.end_line
        and c.receiver.split(".")[0] in state
        and not _READING_CALLS.match(c.name)
        and c.name not in _RELEASES
        for c in code.facts.calls
    )
    reads_only = (
        not writes
        and not changes
        and not costly
        and (counters or _READ_NAMES.search(code.facts.name) or looks_up)
    )
    # In a CPU or wall profile a lock is the cost only when the profile shows its frames
    # (spinning, parking): otherwise what runs under it is, not the lock itself.
    lock_is_seen = code.family in ("mutex", "block") or code.shows(*LOCK_ENTRIES)
    # A lock taken inside a loop changes hands once per element: that comes first, whatever
    # the region does (a read under a write lock is then the smaller matter).
    per_item, _ = loop_around(code, region.line)
    if per_item is not None and region.end_line > per_item.end_line:
        per_item = None
    if region.how == "Lock" and reads_only and lock_is_seen and per_item is None:
        also = (
            f"; the calls under it ({', '.join(f'`{short(c.callee, 30)}`' for c in costly[:2])})"
            " wait in line too"
            if costly
            else ""
        )
        return Construct(
            "write-lock-for-read",
            "lock_contention",
            region.line,
            "Exclusive lock taken for a read",
            f"takes the exclusive (write) lock `{region.lock}` ({code.ref(region.line)}) for a "
            "lookup that only reads"
            + (" and bumps a counter" if counters else "")
            + f": every reader waits for every other reader{also}",
            "Take the read lock for lookups (sync.RWMutex: RLock/RUnlock, a ReadWriteLock) so "
            "readers run in parallel, and count hits with an atomic counter (atomic.AddInt64) "
            "or per-shard counters instead of writing under the lock.",
            9,
        )
    # Go's mutex profile records where a contended lock is released: with a deferred
    # Unlock, that is any return of the region, so every hot line in it counts.
    waits_for_it = code.family in ("wall", "mutex", "block") and bool(
        {region.line, region.end_line} & set(code.lines)
        or (
            code.family == "mutex"
            and any(region.line <= ln <= region.end_line for ln in code.lines)
        )
    )
    if not costly and waits_for_it:
        # The profile shows callers waiting to take (or, in Go, releasing) this lock: what
        # runs while it is held is what they wait for, whatever it is called.
        costly = [
            c
            for c in inside
            if c.name not in _TRIVIAL_UNDER_LOCK
            and not (c.name == "send" and c.conditional)
            and not _CONTEXT_ACCESSOR.search(c.name)
            and not _SPAN_RECORDING.match(c.name)
        ]
    loop = per_item
    if loop is not None and not costly and lock_is_seen:
        over = f"`{short(loop.collection, 30)}`" if loop.collection else "the loop"
        return Construct(
            "lock-per-item",
            "lock_contention",
            region.line,
            "Lock taken and released for every item",
            f"takes `{short(region.lock, 40)}` once per element of {over} "
            f"({code.ref(region.line)}): the lock changes hands for every item, and each "
            "hand-off competes with every other caller, so one call queues n times",
            "Take the lock once for the whole batch (add all the items under one Lock), or "
            "build the batch locally and swap it in under the lock; for a counter, an atomic "
            "needs no lock at all.",
            8,
        )
    if not costly:
        return None
    # A send in a select (with a default it never blocks) or a branch is not every call's wait.
    sends = [
        c for c in costly if c.name == "send" and c.callee.endswith("<-") and not c.conditional
    ]
    if sends:
        return _send_under_lock(code, region.lock, region.line, sends[0].receiver, sends[0].line)
    names = ", ".join(
        f"`{callee}`" for callee in dict.fromkeys(short(c.callee, 30) for c in costly)
    )
    # A lock that is not the receiver's or a parameter's (a package-level mutex, a module's
    # lock) is one lock for the whole process: every caller anywhere queues on it.
    lock_root = region.lock.split("(")[0].removesuffix(".Lock").removesuffix(".lock")
    shared = (
        not lock_root.startswith(("self.", "this.", "@"))
        and code.facts.outlives_call(lock_root)
        and "." not in lock_root
    )
    whose = "one package-level lock, shared by the whole process, " if shared else ""
    if region.how == "Lock":
        whose = "the exclusive (write) lock " + (f"- {whose}" if whose else "")
    if called:
        return _callee_under_lock(code, region.lock, region.line, region.end_line, whose, called[0])
    deferred = next(
        (
            c
            for c in code.facts.calls
            if c.deferred and c.name in ("Unlock", "RUnlock") and c.line >= region.line
        ),
        None,
    )
    until_return = (
        f"; its Unlock is deferred ({code.ref(deferred.line)}), so the lock is held until the "
        "function returns, through everything after the shared-state step"
        if deferred is not None
        else ""
    )
    explicit = (
        "Unlock explicitly right after the shared-state step instead of deferring it (or move "
        "the locked part into a small helper with its own defer that returns copies), then do "
        "the rest outside the critical section. "
        if deferred is not None
        else ""
    )
    return Construct(
        "work-under-lock",
        "lock_contention",
        region.line,
        f"Slow work done while holding {short(region.lock, 30)}",
        f"holds {whose}`{short(region.lock, 40)}` on every call, from {code.ref(region.line)} "
        f"to line {region.end_line} while it calls {names}{until_return}: every other caller "
        "waits for all of that work, not just for the shared state, so the callers are "
        "serialised (contention grows with every caller added)",
        explicit + "Shrink the critical section: compute and encode before taking the lock (or "
        "after releasing it), copy what you need under the lock, and keep only the "
        "shared-state update inside it; shard the lock if many keys contend.",
        8,
    )


def _held_across_yield(code: HotCode, lock: str, line: int, at: int) -> Construct:
    """Name a lock held across a ``yield``: the caller's whole block runs under it."""
    return Construct(
        "lock-across-yield",
        "lock_contention",
        line,
        f"{short(lock, 30)} held across a yield",
        f"takes `{short(lock, 40)}` ({code.ref(line)}) and yields while holding it "
        f"({code.ref(at)}): a generator or context manager hands control to its caller at the "
        "yield, so everything each caller does inside its with-block runs under this one lock, "
        "and all callers are serialised on it, whatever else (a per-key lock) they take",
        "Hold the shared lock only for the shared step, not across the yield: under it, find "
        "or create what the caller needs (the key's own lock, with dict.setdefault), release "
        "it, and take the key's lock outside it before yielding - so callers on different "
        "keys run in parallel.",
        9,
    )


def _callee_under_lock(
    code: HotCode, lock: str, line: int, end: int, whose: str, called: tuple[int, str, Construct]
) -> Construct:
    """Name work a function of the checkout does, called while the lock is held."""
    at, name, inner = called
    return Construct(
        "work-under-lock",
        "lock_contention",
        at,
        f"{inner.title} while holding {short(lock, 30)}",
        f"holds {whose}`{short(lock, 40)}` from {code.ref(line)} to line {end} while it calls "
        f"`{name}` ({code.ref(at)}), which {inner.what}: every other caller of the lock waits "
        "for all of that work, so the callers are serialised and the wait grows with every "
        "caller added",
        f"{inner.fix} And keep that work off the lock: do it before taking the lock or after "
        "releasing it (copy what it needs under the lock), so only the shared-state update "
        "stays inside the critical section.",
        9,
    )


def _send_under_lock(code: HotCode, lock: str, line: int, channel: str, at: int) -> Construct:
    """Name a Go channel send made while holding a lock."""
    return Construct(
        "send-under-lock",
        "lock_contention",
        at,
        f"Channel send while holding {short(lock, 30)}",
        f"sends on the channel `{short(channel, 30)}` ({code.ref(at)}) while holding "
        f"`{short(lock, 30)}` (taken at {code.ref(line)}): a send blocks until a receiver takes "
        "the value (an unbuffered or full channel), so the lock stays held for as long as the "
        "receiver is busy, and every other caller of the lock waits on that receiver too",
        "Send after releasing the lock: copy the change under the lock, Unlock, then send; or "
        "give the channel a buffer (or a non-blocking queue) so the hand-off never waits, and "
        "keep the receiver's slow work (writing to every watcher) off the lock's path.",
        9,
    )
