"""What keeps memory alive past the call: the value a hot line makes, kept where it lasts.

On an in-use heap the hot lines are where memory was allocated (or where the caller received
it); what the profile measures is that it is still held. These recognisers follow the names
those lines bind through the function: into a field, a package-level or module-level
container, a captured list, or a callback registered and never removed. Whether a container
outlives the call comes from the function's own bindings (``FunctionFacts.outlives_call``).
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, mentions, short
from profile_insights.agent.analysis.recognisers_memory import (
    GROWS,
    GROWS_IN_FIRST_ARGUMENT,
    SHRINKS,
    never_removed,
)
from profile_insights.agent.code.facts import field_path

#: Copying a piece out of a buffer, per grammar: the fix for a kept piece pinning it.
COPY_IDIOM = {
    "go": "bytes.Clone(piece), append([]byte(nil), piece...) or string(piece)",
    "javascript": "Buffer.from(piece) for a buffer (subarray() and slice() share its memory); "
    "for a string, a flat copy such as Buffer.from(s).toString(), as V8's sliced strings and "
    "substrings keep their whole parent string alive",
    "typescript": "Buffer.from(piece) for a buffer (subarray() and slice() share its memory); "
    "for a string, a flat copy such as Buffer.from(s).toString(), as V8's sliced strings and "
    "substrings keep their whole parent string alive",
    "python": "bytes(piece) (a memoryview or a numpy slice keeps the whole buffer)",
}
#: A value that copies what it is made from, or is a number: it pins no buffer.
_COPY = re.compile(
    r"(string|len|cap|int\d*|uint\d*|float\d*|str|bytes|bytearray|Number|parseInt|"
    r"parseFloat|String|bytes\.Clone|strings\.Clone|slices\.Clone|copy|hash\w*|crc32\.\w+|"
    r"Buffer\.from|structuredClone|strconv\.\w+)\(|append\(\[\]byte\(nil\)|.*\.(String|"
    r"toString|copy|clone|dup|decode|hex|hexdigest)\(\)$"
)


def _received(code: HotCode) -> set[str]:
    """Return the names the hot lines bind: what the caller received from the callee.

    A header-only function (Node.js) gives no hot line: what it received is its first
    binding from a call (``const message = parseMessage(body)``), the rest is made from it.
    """
    if code.header_only:
        first = next(
            (b for b in code.facts.bindings if "(" in b.value and not _COPY.match(b.value.strip())),
            None,
        )
        return set(first.names) - {"err"} if first else set()
    return code.hot_names() - {"err"}


#: Taking a piece that shares its source's memory: a sub-slice, a substring, a view.
_SLICING = re.compile(
    r"[\w.$\[\]]+\.(?:slice|substring|substr|subarray)\([^()]*\)|[\w.$]+\[[^\]\[]*:[^\]\[]*\]"
)


def _bound_at(code: HotCode, name: str) -> int:
    """Return the first line binding ``name`` (the hot line when none does)."""
    return min((b.line for b in code.facts.bindings if name in b.names), default=code.lines[0])


def retained_piece(code: HotCode) -> Construct | None:
    """Keep a piece of what the call returns in state that outlives the call.

    The hot lines are where the caller receives the allocating function's result (``frame,
    err := wire.ReadFrame(conn)``). A value taken from it (``id, _ := frame.MessageID()``,
    ``frame[4:36]``) and stored into a field, a package-level or a captured container keeps
    the memory the profile shows alive: a slice shares its buffer's memory.
    """
    if code.family != "inuse":
        return None
    facts = code.facts
    received = _received(code)
    if not received:
        return None
    derived: dict[str, str] = {}
    for binding in facts.bindings:
        source = mentions(binding.value, received | set(derived))
        if source is not None and not set(binding.names) & received:
            for name in binding.names:
                derived.setdefault(name, binding.value)
    # A copy or a number taken from the buffer (string(b), len(b), bytes.Clone(b)) keeps
    # nothing of it alive.
    pieces = {n for n, value in derived.items() if not _COPY.match(value.strip())}
    pieces -= received | {"err"}
    keeps = [
        (u.line, u.target, kept)
        for u in facts.updates
        if facts.outlives_call(u.target) and (kept := mentions(u.value, pieces)) is not None
    ] + [
        (c.line, c.receiver, kept)
        for c in facts.calls
        if c.name in GROWS
        and c.receiver
        and facts.outlives_call(c.receiver)
        and (kept := mentions(c.arguments, pieces)) is not None
    ]
    if not keeps:
        return None
    # A piece cut from the source (a substring, a sub-slice) is what pins it.
    line, container, piece = min(keeps, key=lambda k: (not _SLICING.search(derived[k[2]]), k))
    if code.header_only and not _SLICING.search(derived[piece]):
        return None  # without lines, only a piece visibly cut from the source is evidence
    if not _SLICING.search(derived[piece]) and (never := never_removed(code, line, container)):
        return never  # what it keeps is whole, and stays: nothing removes it
    copy = COPY_IDIOM.get(code.language, "a copy of just those bytes")
    cut = _SLICING.search(derived[piece])
    taken = f"`{short(cut.group(0), 40)}`" if cut else f"`{short(derived[piece], 40)}`"
    return Construct(
        "retained-piece",
        "retained_memory",
        line,
        f"A piece of each buffer kept in {short(container, 30)}",
        f"keeps `{piece}`, taken with {taken} from what its hot line made or received, "
        f"in `{short(container, 40)}` ({code.ref(line)}), which outlives the call: a slice or "
        "view of a buffer shares the buffer's backing array, so each small piece kept pins "
        "the whole buffer it came from",
        f"Copy the piece before keeping it ({copy}) so the buffer can be freed, or keep a "
        "value of its own (a fixed-size array, a number) instead of a view into it.",
        9,
    )


_REGISTER = re.compile(
    r"^(On[A-Z]\w*|on|once|[Rr]egister\w*|[Ss]ubscribe\w*|add(Event)?Listener|Add(Hook|Handler|"
    r"Callback|Listener)\w*|add_(hook|handler|callback|listener)|Watch\w*|watch)$"
)
_UNREGISTER = re.compile(r"(?i)^(off|remove\w*|unregister\w*|deregister\w*|unsubscribe\w*|cancel)$")
#: A function written inline as an argument (Go, JavaScript, Python, Java, C#, Ruby, Rust).
_INLINE_FUNCTION = re.compile(r"\bfunc\s*\(|=>|\bfunction\b|\blambda\b|->|\bdo\b|\|\w*\|")


def retained_by_callback(code: HotCode) -> Construct | None:
    """Register a callback whose closure captures what the call received, and never remove it.

    The hot lines receive the allocating function's result (``req, err := ReadRequest(c)``);
    a hook registered per request (``lifecycle.OnShutdown(func() { ... req ... })``) keeps
    its closure, and the closure keeps the request and all it holds alive.
    """
    if code.family != "inuse":
        return None
    facts = code.facts
    received = _received(code)
    if not received or any(_UNREGISTER.match(c.name) for c in facts.calls):
        return None
    hooks = [
        (c, name)
        for c in facts.calls
        if _REGISTER.match(c.name)
        and _INLINE_FUNCTION.search(c.arguments)
        and (name := mentions(c.arguments, received)) is not None
    ]
    if not hooks:
        return None
    call, name = min(hooks, key=lambda item: item[0].line)
    per = "on every iteration" if facts.loops_around(call.line) else "on every call"
    return Construct(
        "retained-by-callback",
        "retained_memory",
        call.line,
        f"A callback registered per request with {short(call.callee, 24)} keeps it alive",
        f"registers a callback with `{short(call.callee, 30)}` {per} ({code.ref(call.line)}) "
        f"whose closure captures `{name}` (from {code.ref(_bound_at(code, name))}): the "
        "registry keeps every "
        f"closure and each closure keeps its `{name}` (and all it holds) alive, and nothing "
        "ever unregisters it",
        f"Unregister the callback when the work is done (keep the handle the registration "
        f"returns and cancel or remove it in a defer/finally), or capture only what the "
        f"callback needs ({name}.ID, not {name}) so the rest can be freed; better, register "
        "one callback that walks the set of requests in flight.",
        9,
    )


#: Methods named for keeping what they are given (``h.index.Track(doc)``, ``cache.remember``).
_KEEPING_VERBS = (
    "add", "put", "set", "store", "save", "record", "remember", "track", "register", "index",
    "cache", "insert", "push", "append", "enqueue", "keep", "retain", "observe", "collect",
    "attach", "subscribe", "watch", "memo",
)  # fmt: skip
_KEEPING_METHOD = re.compile(
    "^(" + "|".join(f"[{v[0]}{v[0].upper()}]{v[1:]}" for v in _KEEPING_VERBS) + r")([A-Z_]\w*)?$"
)
#: Calls that add to the container given as their first argument (``heap.Push`` is one only
#: on a heap, which the growth recogniser checks).
_KEEPS_IN_FIRST = GROWS_IN_FIRST_ARGUMENT - {"Push"}


def kept_value(code: HotCode) -> Construct | None:
    """Keep what a hot line makes, on a later line, in a container that outlives the call.

    ``ch := make(chan Result, 16)`` is where the in-use heap's memory was allocated; ``r.waiters
    = append(r.waiters, ch)`` two lines down is why it is still there. A value kept in a
    field, a package-level or module-level container, or a captured list, with nothing in the
    function taking it out again, is one more entry for every call.
    """
    if code.family != "inuse":
        return None
    facts = code.facts
    held = _received(code) - {"_"}
    if not held:
        return None
    for binding in facts.bindings:
        if not code.is_hot(binding.line) and mentions(binding.value, held):
            if not _COPY.match(binding.value.strip()):
                held |= set(binding.names)
    removed = {c.receiver for c in facts.calls if c.name in SHRINKS} | {
        c.first_argument for c in facts.calls if c.name == "delete"
    }
    lasting = facts.outlives_call
    keeps = (
        [
            (u.line, u.target.split("[")[0], name)
            for u in facts.updates
            if lasting(u.target) and (name := mentions(u.value, held)) is not None
        ]
        + [
            (c.line, c.receiver, name)
            for c in facts.calls
            if (c.name in GROWS or _KEEPING_METHOD.match(c.name))
            and c.receiver
            and lasting(c.receiver)
            # Go's AppendX (strconv.AppendInt, binary.BigEndian.AppendUint32) returns the grown
            # slice it was given: it keeps nothing in its receiver.
            and not (code.language == "go" and c.name.startswith("Append"))
            and (name := mentions(c.arguments, held)) is not None
        ]
        + [
            (c.line, c.first_argument, name)
            for c in facts.calls
            if c.name in _KEEPS_IN_FIRST
            and lasting(c.first_argument)
            and (name := mentions(c.arguments.split(",", 1)[-1], held)) is not None
        ]
    )
    keeps = [k for k in keeps if k[1] not in removed and not code.is_hot(k[0])]
    if not keeps:
        return None
    line, container, name = min(keeps)
    if never := never_removed(code, line, container):
        return never
    made = _bound_at(code, name)
    return Construct(
        "kept-value",
        "retained_memory",
        line,
        f"What each call makes is kept in {short(container, 30)}",
        f"keeps `{name}` (made at {code.ref(made)}) in `{short(container, 40)}` "
        f"({code.ref(line)}), which outlives the call, and nothing takes it out again: every "
        "call leaves one more entry there, so the container only grows and holds what the "
        "in-use profile shows",
        "Bound what is kept: remove the entry when its work is done (in a defer/finally), cap "
        "the container with an LRU or a TTL, or keep only the small part that is needed (an "
        "ID, a copy of a few bytes) instead of the whole value.",
        8,
    )


#: Go's derived contexts whose cancel function releases them from their parent.
_DERIVED_CONTEXT = re.compile(r"^context\.(WithCancel|WithTimeout|WithDeadline|WithCancelCause)\(")


def cancel_skipped(code: HotCode) -> Construct | None:
    """Derive a Go context whose cancel runs on some paths only (or never): it stays in its parent.

    A child of a long-lived context is kept in its parent's set of children until it is
    cancelled; with ``defer cancel()`` missing, every call's child (and the values it carries)
    stays reachable for as long as the parent lives. ``go vet`` reports it as lostcancel.
    """
    if code.language != "go" or code.family not in ("inuse", "alloc", "goroutine"):
        return None
    for binding in code.facts.bindings:
        made = _DERIVED_CONTEXT.match(binding.value.strip())
        if made is None or len(binding.names) < 2 or binding.names[-1] == "_":
            continue
        cancel = binding.names[-1]
        # Handed on (returned, stored, passed to a call), the cancel is someone else's to call.
        # Stored in an entry this same function deletes again, it is dropped uncalled.
        dropped = {c.first_argument.lstrip("(") for c in code.facts.calls if c.name == "delete"}
        handed = (
            any(mentions(b.value, {cancel}) for b in code.facts.bindings if b is not binding)
            or any(
                mentions(u.value, {cancel}) and u.target.split("[")[0] not in dropped
                for u in code.facts.updates
            )
            or any(mentions(c.arguments, {cancel}) for c in code.facts.calls if c.name != "delete")
            or any(mentions(r, {cancel}) for r in code.facts.returns)
        )
        if handed:
            continue
        calls = [c for c in code.facts.calls if c.callee == cancel]
        if any(c.deferred or not c.conditional for c in calls):
            continue
        how = "only on some paths (inside a branch)" if calls else "nowhere in the function"
        return Construct(
            "cancel-skipped",
            "retained_memory",
            binding.line,
            f"{cancel}() of a derived context called {'on some paths only' if calls else 'never'}",
            f"derives a context with `context.{made.group(1)}` ({code.ref(binding.line)}) and "
            f"calls its cancel function `{cancel}` {how}: until it is cancelled, a child context "
            "stays registered in its parent, so on every other path the child, and every value "
            "it carries (context.WithValue data, the request or job), stays reachable for as "
            "long as the parent context lives",
            f"Release it on every path: `defer {cancel}()` right after "
            f"`context.{made.group(1)}` (go vet's lostcancel check finds the others), so the "
            "child is removed from its parent when the function returns.",
            10,
        )
    return None


def trim_discarded(code: HotCode) -> Construct | None:
    """Add to a collection whose only trim throws its result away (``t.pings.slice(-100);``)."""
    if code.family != "inuse" or code.language not in ("javascript", "typescript"):
        return None
    trims = dict(code.facts.discarded_trims)
    for call in code.hot_calls():
        field = field_path(call.receiver)
        if call.name in GROWS and call.receiver and field in trims:
            return Construct(
                "trim-discarded",
                "retained_memory",
                call.line,
                f"{short(call.receiver, 30)} grows: its trim throws the trimmed copy away",
                f"adds to `{short(call.receiver, 40)}` on every call ({code.ref(call.line)}); "
                f"`{trims[field]}` means to trim it, but calls a method that returns a new, "
                "shorter copy and leaves the collection as it was, and drops that copy: nothing "
                "is ever removed, so the collection keeps everything ever added and grows without "
                "bound",
                "Keep the trimmed result (`x = x.slice(-n)`) or trim in place (`x.splice(0, "
                "x.length - n)`, or shift the oldest out as new ones come), so the collection "
                "holds only what it should.",
                10,
            )
    return None


def truncated_kept(code: HotCode) -> Construct | None:
    """Keep what the hot line made in a Go slice that removals only truncate (``s[:last]``)."""
    if code.language != "go" or code.family != "inuse":
        return None
    made = _received(code) | code.hot_names()
    for update in code.facts.updates:
        target = update.target.strip()
        if (
            field_path(target) in code.facts.truncated_in_file
            and update.value.lstrip().startswith("append(")
            and (code.is_hot(update.line) or mentions(update.value, made) is not None)
        ):
            return never_removed(code, update.line, target)
    return None


def marked_not_removed(code: HotCode) -> Construct | None:
    """Hand what the hot line made to a method keeping it where failed entries are only marked."""
    if code.family != "inuse":
        return None
    made = _received(code) | code.hot_names()
    for line, method, field, marker, mark in code.facts.kept_via:
        call = next((c for c in code.facts.calls_at(line) if c.name == method), None)
        if call is None or not (code.is_hot(line) or mentions(call.arguments, made)):
            continue
        return Construct(
            "marked-not-removed",
            "retained_memory",
            line,
            f"Entries kept by {method} are never removed once they fail",
            f"hands what it made to `{short(call.callee, 40)}` ({code.ref(line)}), which keeps "
            f"it in `{field}`; entries leave `{field}` only on the success path, while "
            f"`{marker}` gives up on the others by marking them (`{mark}`) and never removes "
            "them: every timed-out or failed entry stays, with all it holds",
            f"Remove an entry from `{field}` when `{marker}` gives up on it (delete it "
            "instead of marking it, or sweep marked entries), and cap the container so a "
            "backlog of failures cannot grow without bound.",
            10,
        )
    return None
