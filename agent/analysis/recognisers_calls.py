"""Recognisers of calls that should not be made per item: eager logging, N+1 calls, flushes, shifts.

Each reads a :class:`~profile_insights.agent.analysis.constructs.HotCode` and names the construct
on the hot code: a log message formatted although its level is off, a remote call per element of
a collection, a flush per record, an insertion or removal at the front of a list.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    Construct,
    HotCode,
    calls_named,
    calls_of,
    cost_kind,
    loop_around,
    short,
)
from profile_insights.agent.analysis.knowledge import entry_by_id

#: Loggers by the name they are called on: a package (log, slog, zap, logrus, winston...) or
#: a field or variable whose last name says it is one (self.logger, s.log, requestLog).
_LOG = re.compile(
    r"(?i)(^|\.)(log|slog|klog|glog|zlog|log15|logger|logging|logrus|zap|zerolog|console|"
    r"winston|pino|bunyan|rails\.logger|\w*_log|\w*logger|\w*Log)$"
)


def eager_logging(code: HotCode) -> Construct | None:
    """Format a log message (or call a renderer for it) although the level is disabled."""
    calls = [
        c
        for c in calls_named(
            code,
            {
                "debug",
                "trace",
                "Debug",
                "Debugf",
                "Tracef",
                "Trace",
                "fine",
                "finer",
                "finest",
                "verbose",
                "isDebugEnabled",
            },
        )
        if _LOG.search(c.receiver)
    ]
    for call in calls:
        args = call.arguments
        if re.search(r"[\"']\s*%|%\s*\(|\.format\(|f[\"']|\+|\w+\(", args):
            # A call written over several lines: its hottest line (an argument) is the cost.
            span = range(call.line, max(call.line, call.end_line) + 1)
            line = max(span, key=lambda ln: (code.weight(ln), -ln))
            # What the arguments call (hex.EncodeToString(body)) is what every call pays.
            inner = [
                c
                for c in code.facts.calls
                if c is not call and c.line in span and c.callee and c.callee in args
            ]
            calling = (
                f", calling `{short(max(inner, key=lambda c: code.weight(c.line)).callee, 30)}`"
                if inner
                else ""
            )
            return Construct(
                "eager-log-format",
                "cpu_hotspot",
                line,
                "Log message formatted eagerly",
                f"builds the message of `{short(call.callee, 30)}` eagerly{calling} "
                f"({code.ref(line)}): `{short(args, 60)}` is formatted (and what it calls "
                "runs) on every call, even when the DEBUG level is disabled and the message is "
                "thrown away",
                _LAZY_LOGGING.get(code.language, _LAZY_LOGGING["python"]),
                9,
            )
    return None


#: How to build a log message only when its level is enabled, per grammar.
_LAZY_LOGGING = {
    "python": "Pass the arguments to the logger lazily (log.debug('event %s', event) formats "
    "only when enabled), and guard expensive ones with logger.isEnabledFor(logging.DEBUG).",
    "go": "Check the level before building expensive arguments (if logger.Enabled(ctx, "
    "slog.LevelDebug) { ... }, or the logger's V/IsDebug guard), or pass a value whose "
    "String/LogValue method does the work, so it runs only when the line is written: Go "
    "evaluates every argument before the call, whatever the level.",
    "javascript": "Guard expensive arguments with the logger's level check (if "
    "(logger.isLevelEnabled('debug')) ...), or pass a function or object the logger "
    "serialises only when the line is written.",
    "typescript": "Guard expensive arguments with the logger's level check (if "
    "(logger.isLevelEnabled('debug')) ...), or pass a function or object the logger "
    "serialises only when the line is written.",
    "java": 'Use parameterised messages (log.debug("x {}", v)) and guard expensive ones '
    "with log.isDebugEnabled(), or pass a Supplier.",
}


_REMOTE = re.compile(
    r"(?i)(db|client|repo|api|store|session|conn|service|http|cursor|dao|rpc|redis|cache|"
    r"requests|urllib|httpx|aiohttp|axios|fetch|boto|s3|grpc|stub|sql|mongo|dynamo|kafka)"
)


_FETCH = re.compile(r"(?i)^(fetch|get|load|query|find|select|read|request|lookup|retrieve|exec)")


def _waits_on_io(code: HotCode) -> bool:
    """Return whether most of what runs under the hot lines is I/O the profile shows."""
    io = sum(
        share
        for key, share in code.causes.items()
        if (entry := entry_by_id(key)) is not None and entry.kind == "io_wait"
    )
    return io > 0 and io >= 0.5 * sum(code.causes.values())


def n_plus_one(code: HotCode) -> Construct | None:
    """Call a remote or costly function once per element of a collection.

    A call is remote by its name (``fetch``, ``db.query``) or by what the profile shows under
    the hot lines: when that is mostly I/O (sockets, an HTTP client, a driver), the call made
    per element on a hot line is a round trip per element, whatever it is called.
    """
    if code.family in ("alloc", "inuse", "mutex", "goroutine"):
        return None  # a memory or lock profile measures no round trips
    loops = code.hot_loops()
    if not loops:
        return None
    io = _waits_on_io(code)
    calls = [
        c
        for c in code.hot_calls()
        if c.loop_depth > 0
        and (
            (
                _FETCH.search(c.name)
                and (_REMOTE.search(c.receiver) or c.name.startswith(("fetch", "load", "query")))
            )
            or (io and code.is_hot(c.line) and not c.constructs)
        )
    ]
    if not calls:
        return _lazy_attribute(code) if io else None
    call = calls[0]
    # A call in a loop's own header (for s in self.rates(c):) runs once per element of the
    # loop around that one.
    around = [
        lp
        for lp in code.facts.loops_around(call.line)
        if not (lp.line == call.line and call.callee in lp.collection)
    ]
    loop = around[0] if around else loops[0]
    if not loop.collection:
        return None  # a read or retry loop (for { conn.Read() }) iterates no collection
    return Construct(
        "n-plus-one",
        "io_wait" if code.family == "wall" or io else "cpu_hotspot",
        call.line,
        f"One {call.name} call per element",
        f"calls `{short(call.callee, 40)}` once per element of `{short(loop.collection, 40)}` "
        f"({code.ref(call.line)}): N+1 calls, each paying its round trip or setup, one after "
        "the other",
        "Fetch them in one batched call (WHERE id IN (...), a bulk API taking every key) "
        "before the loop, issue the calls concurrently if no batch exists, or cache results "
        "per key.",
        7,
    )


def _lazy_attribute(code: HotCode) -> Construct | None:
    """Name an attribute read per element that waits on I/O (a lazy relationship, a property).

    The profile shows I/O under a hot line inside a loop that calls nothing: reading the
    attribute runs a query (an ORM's lazy-loaded relation, a @property or getter fetching).
    """
    line = next((ln for ln in code.lines if code.facts.loops_around(ln)), None)
    if line is None or code.facts.calls_at(line) or line != code.lines[0]:
        return None
    loop = code.facts.loops_around(line)[0]
    attribute = re.search(r"[A-Za-z_]\w*(\.\w+)+", code.facts.statement)
    read = f"`{short(attribute.group(0), 40)}`" if attribute else "an attribute"
    return Construct(
        "n-plus-one",
        "io_wait" if code.family == "wall" else "cpu_hotspot",
        line,
        f"An attribute that waits on I/O read for every element of {short(loop.collection, 30)}",
        f"reads {read} for every element of `{short(loop.collection, 40)}` "
        f"({code.ref(line)}), and the profile shows that read waiting on I/O: the attribute "
        "runs a query (a lazily loaded relationship, a property or getter that fetches), so "
        "the loop makes N+1 round trips, one after the other",
        "Load what the loop reads up front: eager-load the relationship with the query that "
        "fetched the elements (a join, selectinload/prefetch_related, an include), or fetch "
        "all of it in one batched query (WHERE id IN (...)) and look it up per element.",
        7,
    )


def pop_front(code: HotCode) -> Construct | None:
    """Remove from the front of a list in a loop (each removal shifts every element)."""
    calls = [
        c
        for c in calls_named(code, {"pop", "insert", "shift", "unshift"})
        if (c.name in ("pop", "insert") and c.arguments.startswith("(0"))
        or c.name in ("shift", "unshift")
    ]
    if not calls or code.language not in ("python", "javascript", "typescript", "ruby"):
        return None
    call = calls[0]
    return Construct(
        "pop-front",
        "cpu_hotspot",
        call.line,
        "Removal from the front of a list",
        f"calls `{short(call.callee, 30)}{call.arguments}` ({code.ref(call.line)}): removing or "
        "inserting at the front moves every other element, O(n) each time",
        "Use a double-ended queue (collections.deque with popleft/appendleft), or keep an "
        "index of the next element instead of removing it.",
        8,
    )


#: Sleeping calls, by receiver (``time.sleep``, Go's ``time.Sleep``, ``Thread.sleep``) or bare
#: (Ruby's ``sleep``, a JavaScript ``await sleep(ms)`` helper).
_SLEEPS = {"sleep", "Sleep", "usleep", "sleep_for", "delay", "Delay", "setTimeout"}


def sleep_on_path(code: HotCode) -> Construct | None:
    """Sleep on the request path: a fixed back-off or a poll, waiting by the clock."""
    if code.family in ("alloc", "inuse", "mutex"):
        return None
    calls = [
        c
        for c in calls_named(code, _SLEEPS)
        if code.is_hot(c.line)
        and (c.receiver in ("", "time", "Thread", "Task", "asyncio", "Kernel", "thread"))
    ]
    if not calls:
        return None
    call = calls[0]
    loop, collection = loop_around(code, call.line)
    where = (
        f" inside the loop over {collection}" if collection else (" inside a loop" if loop else "")
    )
    return Construct(
        "sleep-on-path",
        "io_wait",
        call.line,
        "Sleeping on the request path",
        f"waits by the clock with `{short(call.callee, 30)}{short(call.arguments, 30)}`"
        f"{where} ({code.ref(call.line)}): every retry or poll adds its full delay to the "
        "caller's latency, whether or not the other side is ready",
        "Do not sleep per item on the request path: retry with exponential back-off and "
        "jitter under a total deadline (or a retry budget), fail fast and retry "
        "asynchronously, or wait on the event itself (a condition, a channel, a callback) "
        "instead of polling.",
        8,
    )


#: Calls that start a child process: (receiver, name); "" = any receiver.
_SPAWNS = {
    ("subprocess", "run"), ("subprocess", "call"), ("subprocess", "check_call"),
    ("subprocess", "check_output"), ("subprocess", "Popen"), ("os", "system"),
    ("os", "popen"), ("child_process", "execSync"), ("child_process", "spawnSync"),
    ("child_process", "execFileSync"), ("", "execSync"), ("", "spawnSync"),
    ("", "execFileSync"), ("exec", "Command"), ("Runtime", "exec"), ("Process", "Start"),
    ("", "ProcessBuilder"), ("Open3", "capture3"), ("", "system"),
}  # fmt: skip


def process_per_item(code: HotCode) -> Construct | None:
    """Start a child process for every element: a fork, an exec and a wait per item."""
    calls = [c for c in calls_of(code, _SPAWNS) if c.loop_depth > 0 or code.is_hot(c.line)]
    if not calls:
        return None
    call = calls[0]
    loop, collection = loop_around(code, call.line)
    per = (
        f"once per element of {collection}"
        if collection
        else ("in a loop, once per item" if loop else "on every call")
    )
    return Construct(
        "process-per-item",
        "io_wait" if code.family in ("wall", "cpu", "other") else cost_kind(code),
        call.line,
        "A child process started for every item",
        f"starts a child process with `{short(call.callee, 30)}` {per} "
        f"({code.ref(call.line)}): each pays a fork and exec, the program's start-up, and "
        "the wait for it to exit, one after the other",
        "Hand all the items to one invocation (one process taking every path), keep one "
        "long-running worker or daemon and talk to it, run the processes concurrently under a "
        "bounded pool, or do the work in-process with a library.",
        9,
    )
