"""Recognisers of state and waiting: timers, listeners, locks, growth, fan-out, calls per item.

Like :mod:`~profile_insights.agent.analysis.recognisers`, each reads a
:class:`~profile_insights.agent.analysis.constructs.HotCode` and names a construct when it is on
the hot code; these are about what the code keeps or waits for: a timer or listener created per
call and never released, a wait on the slowest of a fan-out or on one shared limiter, a log
message formatted although its level is off, a remote call per element, a flush per record.
The list below also gathers the growth and retention recognisers (recognisers_memory,
recognisers_kept) and the lock ones (recognisers_locks).
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    Construct,
    HotCode,
    Recogniser,
    calls_named,
    short,
)
from profile_insights.agent.analysis.recognisers_calls import (
    eager_logging,
    n_plus_one,
    pop_front,
    process_per_item,
    sleep_on_path,
)
from profile_insights.agent.analysis.recognisers_held import read_loop_buffer, unbounded_memo
from profile_insights.agent.analysis.recognisers_kept import (
    cancel_skipped,
    kept_value,
    marked_not_removed,
    retained_by_callback,
    retained_piece,
    trim_discarded,
    truncated_kept,
)
from profile_insights.agent.analysis.recognisers_keys import KEY_RECOGNISERS
from profile_insights.agent.analysis.recognisers_locks import lock_held
from profile_insights.agent.analysis.recognisers_memory import unbounded_growth
from profile_insights.agent.analysis.recognisers_writes import (
    flush_per_record,
    split_writes,
    waits_for_handoff,
)

_TIMER_FIX = {
    "go": "Create one timer before the loop (time.NewTimer) and Reset it each iteration (Stop "
    "and drain it first), or use one context deadline for the whole wait; never time.After "
    "in a hot select loop.",
    "javascript": "Schedule one timer for the whole batch (or one interval that checks every "
    "pending item) instead of one per item, and clear timers that are no longer needed "
    "(clearTimeout) so their closures can be collected.",
}
_TIMER_FIX["typescript"] = _TIMER_FIX["javascript"]


def timer_per_iteration(code: HotCode) -> Construct | None:
    """Create a timer per loop iteration (Go's time.After in a select loop)."""
    calls = [
        c
        for c in calls_named(code, {"After", "NewTimer", "Tick", "setTimeout", "AfterFunc"})
        if (c.receiver.endswith("time") or c.name == "setTimeout")
        and (c.loop_depth > 0 or code.hot_loops())
    ]
    if not calls:
        return None
    call = calls[0]
    return Construct(
        "timer-per-iteration",
        "allocation_pressure" if code.family in ("alloc", "inuse") else "cpu_hotspot",
        call.line,
        "A new timer on every iteration",
        f"creates a new timer with `{call.callee}{call.arguments}` on every loop iteration "
        f"({code.ref(call.line)}): each timer (and its channel) stays allocated until it "
        "fires, so with a long duration they pile up in the heap and load the runtime's timer "
        "heap",
        _TIMER_FIX.get(code.language, _TIMER_FIX["go"]),
        9,
    )


def ticker_never_stopped(code: HotCode) -> Construct | None:
    """Start a ticker (or interval) whose goroutine never ends."""
    starts = calls_named(code, {"NewTicker", "Tick", "setInterval"}) or [
        c for c in code.facts.calls if c.name in ("NewTicker", "Tick", "setInterval")
    ]
    if not starts:
        return None
    names = {c.name for c in code.facts.calls}
    if {"Stop", "clearInterval"} & names:
        return None
    start = starts[0]
    if start.name == "setInterval":
        return Construct(
            "ticker-never-stopped",
            "retained_memory" if code.family in ("inuse", "alloc") else "cpu_hotspot",
            start.line,
            "Interval started and never cleared",
            f"starts an interval with `{start.callee}` ({code.ref(start.line)}) and never "
            "clears it: the timer keeps its callback, and everything the closure captures "
            "(the request, its payload), alive forever, and runs it on every tick; one more "
            "interval for every call that started one",
            "Keep the handle and clearInterval(handle) when the request or session ends (on "
            "'close' / 'finish', in a finally), capture only what the callback needs, or run "
            "one shared interval over the open sessions instead of one per request.",
            9,
        )
    return Construct(
        "ticker-never-stopped",
        "goroutine_leak" if code.family == "goroutine" else "retained_memory",
        start.line,
        "Ticker started and never stopped",
        f"starts a ticker with `{start.callee}` ({code.ref(start.line)}) and never stops it, "
        "and the loop that waits on it has no exit: the goroutine and the ticker run forever, "
        "one more for every connection or session that started them",
        "Stop the ticker when the work ends (defer ticker.Stop()) and return from the loop when "
        "the session closes: select on ctx.Done() or a done channel next to <-ticker.C.",
        9,
    )


def listener_leak(code: HotCode) -> Construct | None:
    """Add an event listener per call and never remove it."""
    if code.facts.name in ("constructor", "__init__", "init", "setup", "main"):
        return None
    registers = {"on", "addListener", "addEventListener", "subscribe", "prependListener"}
    removes = {
        "off",
        "removeListener",
        "removeEventListener",
        "unsubscribe",
        "once",
        "removeAllListeners",
    }
    passed = code.facts.passed_to
    if passed is not None and passed.name in registers:
        # The hot function is itself a listener, registered by the function around it.
        if removes & set(code.facts.caller_calls):
            return None
        add = passed
    else:
        adds = calls_named(code, registers)
        if not adds or removes & {c.name for c in code.facts.calls}:
            return None
        add = adds[0]
    event = short(add.arguments.strip("()").split(",")[0], 30)
    return Construct(
        "listener-leak",
        "retained_memory" if code.family in ("inuse", "alloc") else "cpu_hotspot",
        add.line,
        "Listener added on every call and never removed",
        f"adds a {event} listener to `{short(add.receiver, 30)}` on every call "
        f"({code.ref(add.line)}) and never removes it: listeners accumulate (a leak), each "
        "keeps its closure alive, and every event now runs all of them",
        "Remove the listener when the request is done (emitter.off / removeListener in a "
        "finally block or on close), or register it with once(); do not hide the growth with "
        "setMaxListeners(0).",
        9,
    )


def fan_out_wait(code: HotCode) -> Construct | None:
    """Wait for every call of a fan-out: the slowest one decides."""
    waits = [
        c
        for c in calls_named(
            code, {"Wait", "all", "gather", "allSettled", "WhenAll", "join_all", "join"}
        )
        if c.name != "Wait" or re.search(r"(?i)wg|group|waitgroup", c.receiver)
    ]
    if not waits or code.family not in ("block", "wall", "goroutine", "mutex"):
        return None
    wait = waits[0]
    loop = next(iter(code.facts.loops_around(wait.line)), None)
    starts = [c for c in code.facts.calls if loop and loop.line <= c.line <= loop.end_line
              and c.name in ("go", "Add", "create_task", "submit", "Go")]  # fmt: skip
    if loop is not None and starts:
        return Construct(
            "fan-out-serialised",
            "channel_blocking",
            wait.line,
            "Fan-out waits inside its own loop: the calls run one after another",
            f"waits with `{short(wait.callee, 40)}` inside the loop that starts the calls "
            f"({code.ref(wait.line)}): each iteration starts one call and waits for it before "
            "the next, so the calls run serially, one at a time, and the request takes the "
            "sum of their latencies instead of the slowest one",
            "Start every call first, then wait once after the loop (move wg.Wait() / "
            "gather / Promise.all out of the loop), with a deadline per call "
            "(context.WithTimeout).",
            9,
        )
    return Construct(
        "fan-out-straggler",
        "channel_blocking",
        wait.line,
        "Fan-out waits for its slowest call",
        f"waits with `{short(wait.callee, 40)}` ({code.ref(wait.line)}) for every call of a "
        "fan-out: the slowest shard or replica (a straggler in the latency tail) decides how "
        "long the whole request takes",
        "Give each call a deadline (context.WithTimeout) and answer with what arrived, hedge "
        "slow calls with a second request to another replica, or move the slow shard's data "
        "closer; measure the per-shard latency tail (p99).",
        8,
    )


def shared_limiter(code: HotCode) -> Construct | None:
    """Gate every send on one shared ticker or rate limiter."""
    gates = [
        c
        for c in code.hot_calls()
        if (c.name == "<-" and re.search(r"(?i)tick|limit|rate|throttle|\.C$", c.receiver))
        # A buffered channel used as a semaphore: a send takes a slot, a receive gives it back.
        or (
            c.name == "send"
            and (
                re.search(r"(?i)sem|slot|token|limit|gate|inflight|in_flight|concurren", c.receiver)
                # Sending an empty value only to take a slot: struct{}{} is the Go idiom.
                or c.arguments.replace(" ", "") in ("struct{}{}", "true", "1")
            )
        )
        or (
            c.name in ("Wait", "Take", "acquire")
            and re.search(r"(?i)limit|rate|throttle|bucket", c.receiver)
        )
    ]
    if not gates or code.family not in ("block", "wall", "cpu", "mutex"):
        return None
    gate = gates[0]
    if gate.name == "send":
        what = (
            f"takes a slot of `{short(gate.receiver, 40)}` before every call "
            f"({code.ref(gate.line)}): the channel is a semaphore, and its capacity caps how "
            "many callers run at once; when that limit is too small for the load, the others "
            "queue on the channel"
        )
        fix = (
            "Raise the semaphore's capacity to what the downstream can take (measure it; "
            "make it configurable), bound the wait and shed load when it is full, keep one per "
            "key (per tenant, per destination) when one slow key must not hold up the others, "
            "and release the slot as soon as the guarded call returns."
        )
    else:
        what = (
            f"waits on `{short(gate.receiver, 40)}` before every send ({code.ref(gate.line)}): "
            "one ticker or limiter for all callers caps the whole service at its rate, however "
            "many senders (numbers, connections) the pool has"
        )
        fix = (
            "Rate-limit per key: a token bucket per sender (per number or per connection), or "
            "size the shared limiter to the pool (per-sender rate × pool size) and allow a "
            "burst."
        )
    return Construct(
        "shared-limiter",
        "channel_blocking",
        gate.line,
        "Every send waits on one shared limiter",
        what,
        fix,
        8,
    )


STATE_RECOGNISERS: tuple[Recogniser, ...] = (
    timer_per_iteration,
    ticker_never_stopped,
    listener_leak,
    eager_logging,
    lock_held,
    fan_out_wait,
    shared_limiter,
    unbounded_growth,
    unbounded_memo,
    retained_by_callback,
    marked_not_removed,
    trim_discarded,
    truncated_kept,
    cancel_skipped,
    retained_piece,
    kept_value,
    read_loop_buffer,
    waits_for_handoff,
    flush_per_record,
    pop_front,
    n_plus_one,
    *KEY_RECOGNISERS,
    split_writes,
    sleep_on_path,
    process_per_item,
)
"""The state and waiting recognisers, most specific first."""
