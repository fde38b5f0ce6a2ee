"""Writes: a file flushed or synced to disk after every record, a request split into writes.

Each is a system call (and, for a sync, a wait on the device) paid per record or per message
where one per batch would do.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, calls_named, short
from profile_insights.agent.analysis.models import ProblemKind
from profile_insights.agent.code.facts import Call

#: Calls that force written data to the device and wait for it to confirm.
_DURABLE_SYNCS = {"fsync", "fdatasync", "fsyncSync", "fdatasyncSync", "Fsync", "Fdatasync", "Sync"}


def flush_per_record(code: HotCode) -> Construct | None:
    """Flush a buffered writer (a system call), or sync a file to disk, after every record."""
    calls = calls_named(code, {"Flush", "flush", "FlushAsync"} | _DURABLE_SYNCS)
    if not calls:
        return None
    call = calls[0]
    kind: ProblemKind = (
        "io_wait" if code.family in ("wall", "block", "goroutine") else "cpu_hotspot"
    )
    if call.name in _DURABLE_SYNCS:
        return _sync_per_record(code, call, kind)
    return Construct(
        "flush-per-record",
        kind,
        call.line,
        "Writer flushed after every record",
        f"flushes `{short(call.receiver, 30)}` after every record ({code.ref(call.line)}): "
        "each flush is a write system call, so the buffer never batches anything",
        "Let the buffer fill and flush once per batch (or on a timer / at shutdown), and size "
        "the buffer for a batch of records.",
        8,
    )


#: Calls that put a finished file in place (write, sync, rename: an atomic save).
_PUTS_IN_PLACE = {"rename", "replace", "renameSync", "Rename", "move", "Move"}
#: Receivers whose Sync flushes a logger or a store, not a file.
_NOT_A_FILE = re.compile(r"(?i)log|store|client|cache|repo|db|pool|once|group")


def _sync_per_record(code: HotCode, call: Call, kind: ProblemKind) -> Construct | None:
    """Name a file synced to disk for every record written (not once per batch or save)."""
    facts = code.facts
    if call.name == "Sync" and (call.arguments.strip("() ") or _NOT_A_FILE.search(call.receiver)):
        return None  # Go's (*os.File).Sync takes no arguments; a logger's Sync is no fsync
    after_loop = call.loop_depth == 0 and any(lp.end_line < call.line for lp in facts.loops)
    saved = any(c.name in _PUTS_IN_PLACE and c.line > call.line for c in facts.calls)
    if after_loop or saved:
        return None  # one sync per batch, or the durable step of an atomic save
    return Construct(
        "sync-per-record",
        kind,
        call.line,
        f"File synced to disk after every record by {short(call.callee, 24)}",
        f"calls `{short(call.callee, 30)}` after every record it writes "
        f"({code.ref(call.line)}): each sync (fsync/fdatasync) waits until the device "
        "confirms the data is durable, milliseconds each, so every record pays a disk "
        "flush and the writes are serialised behind it",
        "Sync once per batch, not per record (group commit): write the records of a batch "
        "(or of a short interval), then one fdatasync for all of them, and acknowledge the "
        "batch after its sync; if losing the last moments on a crash is acceptable, sync "
        "on a timer instead.",
        9,
    )


#: Writes to a connection, and reads of its reply.
_WRITES = {"sendall", "send", "write", "Write", "WriteString", "writelines"}
_READS = {"readline", "recv", "read", "Read", "ReadString", "ReadBytes", "ReadLine", "readexactly"}
_CONNECTION = re.compile(r"(?i)sock|conn|socket|stream|transport|wire|peer|client")


def split_writes(code: HotCode) -> Construct | None:
    """Write one request in several small writes to a connection, then wait for the reply.

    Write, write, read: with Nagle's algorithm on (no TCP_NODELAY), the second small write
    waits until the first is acknowledged, and the peer delays that acknowledgement (up to
    ~40 ms on Linux, 200 ms elsewhere) as it waits for more data: every request stalls.
    """
    # Go's net package sets TCP_NODELAY on every TCP connection: no stall there.
    if code.family in ("alloc", "inuse", "mutex", "goroutine") or code.language == "go":
        return None
    calls = sorted(code.facts.calls, key=lambda c: c.line)
    writes = [c for c in calls if c.name in _WRITES and _CONNECTION.search(c.receiver)]
    for first, second in zip(writes, writes[1:], strict=False):
        if first.receiver != second.receiver or first.loop_depth or second.loop_depth:
            continue
        replies = [c for c in calls if c.line > second.line and c.name in _READS]
        if not replies:
            continue
        return Construct(
            "split-writes",
            "io_wait",
            second.line,
            "One request sent in several small writes, then a wait for the reply",
            f"sends each request to `{short(first.receiver, 30)}` in separate small writes "
            f"({code.ref(first.line)} and {code.ref(second.line)}) and then waits for the "
            f"reply ({code.ref(replies[0].line)}): unless TCP_NODELAY is set, Nagle's "
            "algorithm holds the second write until the first is acknowledged, and the peer "
            "delays that acknowledgement (about 40 ms) while it waits for the rest, so every "
            "request stalls for the delayed-ACK timer, one request at a time",
            "Send each request in one write (build header and body into one buffer: "
            "sendall(header + body), a buffered writer flushed once, or writev), or set "
            "TCP_NODELAY on the socket; then pipeline or batch requests instead of waiting "
            "for each reply before sending the next.",
            10,
        )
    return None


#: Calls that hand something off to be done later: a send, a submit, a publish.
_HANDS_OFF = re.compile(
    r"^(send|send_async|produce|publish|submit|enqueue|apply_async|delay|put_async|"
    r"sendAsync|publishAsync|SendAsync|PublishAsync|Publish|Produce|Send|Submit|Go)$"
)
#: Calls that block until what was handed off is done.
_AWAITS = {"result", "get", "join", "wait", "Wait", "Get", "join_thread", "exception"}

#: How not to wait on the request path, per grammar.
_DO_NOT_WAIT = {
    "python": "return once it is handed off and handle the acknowledgement in a callback "
    "(future.add_done_callback) or a background thread, or write to an outbox table in the "
    "request's transaction and publish from it",
    "go": "return once it is handed off and handle the acknowledgement in a goroutine (or the "
    "client's async callback), or write to an outbox in the request's transaction",
    "javascript": "do not await the acknowledgement on the request path: handle it in a "
    "callback (.then/.catch with logging) or publish from an outbox",
}


def waits_for_handoff(code: HotCode) -> Construct | None:
    """Hand work off (send, submit) and then block on its result, on every call."""
    # A CPU profile that charges the wait to its line (Python's SDK samples waiting threads)
    # shows it too: the await line is hot.
    if code.family not in ("wall", "block", "goroutine", "cpu"):
        return None
    facts = code.facts
    handed = {
        name: call
        for b in facts.bindings
        for call in facts.calls
        if call.line == b.line and _HANDS_OFF.match(call.name)
        for name in b.names
    }
    for call in code.hot_calls():
        root = call.receiver.split(".")[0]
        if call.name in _AWAITS and root in handed and code.is_hot(call.line):
            sent = handed[root]
            return Construct(
                "waits-for-handoff",
                "io_wait",
                call.line,
                f"Request waits for {short(sent.callee, 24)} to be acknowledged",
                f"hands the work off with `{short(sent.callee, 30)}` ({code.ref(sent.line)}) "
                f"and then blocks on `{short(call.callee, 30)}` ({code.ref(call.line)}) on "
                "every call: the request waits the whole time the other side takes to "
                "acknowledge, including any batching delay (a producer's linger, a queue's "
                "flush interval), so a hand-off meant to be asynchronous is synchronous",
                "Do not wait on the request path: "
                + _DO_NOT_WAIT.get(code.language, _DO_NOT_WAIT["python"])
                + "; if the caller must know it was accepted, lower the batching delay "
                "(linger) for this producer or flush explicitly.",
                9,
            )
    return None
