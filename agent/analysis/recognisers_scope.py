"""Work outliving its scope or repeated per step: a Go defer in a loop, a text cut per step.

A deferred call runs when the function returns, not when the loop iteration ends: a
``defer pool.Put(buf)`` in a worker's loop keeps every iteration's buffer until the worker
returns. A loop that shortens a value by one element and re-measures all of it each time does
quadratic work to find one cut point.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, loop_around, short
from profile_insights.agent.code.nodes import KEEPING_CALLS


def defer_in_loop(code: HotCode) -> Construct | None:
    """Defer a release inside a loop: it runs only when the function returns."""
    if code.language != "go" or code.family not in ("inuse", "alloc", "goroutine", "cpu"):
        return None
    deferred = [c for c in code.facts.calls if c.deferred and c.loop_depth > 0]
    if not deferred:
        return None
    call = deferred[0]
    _, collection = loop_around(code, call.line)
    over = f" over {collection}" if collection else ""
    return Construct(
        "defer-in-loop",
        "retained_memory" if code.family == "inuse" else "allocation_pressure",
        call.line,
        f"defer {short(call.callee, 30)} inside a loop",
        f"defers `{short(call.callee, 30)}` inside the loop{over} ({code.ref(call.line)}): a "
        "deferred call runs when the function returns, not at the end of each iteration, so "
        "what every iteration acquired stays held, and the deferred calls pile up, until the "
        f"loop's function `{short(code.facts.name, 30)}` returns",
        f"Release at the end of each iteration instead: call `{short(call.callee, 30)}` "
        "explicitly there (and on every early continue), or move the iteration's body into a "
        "function of its own so its defer runs once per iteration.",
        9,
    )


#: A value shortened by one element: x = x.slice(0, -1), x = x[:-1], s = s[:len(s)-1].
_SHRINK_ONE = re.compile(
    r"^(?P<v>[\w.]+)\s*=\s*(?P=v)(\.slice\(\s*0\s*,\s*-1\s*\)|\.substring\(\s*0\s*,\s*(?P=v)"
    r"\.length\s*-\s*1\s*\)|\[\s*:\s*-1\s*\]|\[\s*:\s*len\((?P=v)\)\s*-\s*1\s*\])$"
)


def shrink_per_step(code: HotCode) -> Construct | None:
    """Shorten a value one element per iteration and re-measure all of it each time."""
    if code.family not in ("cpu", "alloc", "wall", "other"):
        return None
    for loop in code.hot_loops():
        if loop.collection:
            continue
        for update in code.facts.updates:
            text = f"{update.target} = {update.value}"
            shrink = _SHRINK_ONE.match(text.strip())
            if not (loop.line <= update.line <= loop.end_line and shrink):
                continue
            target = shrink.group("v")
            measured = [
                c
                for c in code.facts.calls
                if c.line == loop.line and target in c.arguments and c.name != "len"
            ]
            what = f" and `{short(measured[0].callee, 30)}`" if measured else ""
            return Construct(
                "shrink-per-step",
                "allocation_pressure" if code.family == "alloc" else "cpu_hotspot",
                update.line,
                f"`{short(target, 30)}` shortened one element per iteration",
                f"shortens `{short(target, 30)}` by one element per iteration "
                f"({code.ref(update.line)}) and re-measures all of it in the loop's condition"
                f"{what} ({code.ref(loop.line)}): each step copies and re-encodes the whole "
                "value, so finding one cut point costs work quadratic in its length",
                "Find the cut point in one pass instead: walk the value once accumulating its "
                "measure (bytes per character) until the limit, or binary-search the cut "
                "point, then cut once.",
                8,
            )
    return None


def kept_exception(code: HotCode) -> Construct | None:
    """Keep a caught exception in long-lived state: its traceback keeps the frames alive."""
    if code.language != "python" or code.family not in ("inuse", "alloc"):
        return None
    facts = code.facts
    caught = {
        name
        for b in facts.bindings
        if re.fullmatch(r"\(?\s*[\w.]*(Error|Exception|Exc|Failure)\w*\s*(,[^)]*)?\)?", b.value)
        for name in b.names
    }
    for call in facts.calls:
        given = [a.strip() for a in call.arguments.strip("()").split(",")]
        kept = caught & set(given)
        if not kept or not KEEPING_CALLS.match(call.name) or not facts.outlives_call(call.receiver):
            continue
        error = sorted(kept)[0]
        return Construct(
            "kept-exception",
            "retained_memory" if code.family == "inuse" else "allocation_pressure",
            call.line,
            f"Caught exception `{error}` kept with its traceback",
            f"keeps the caught exception `{error}` in `{short(call.receiver, 30)}` "
            f"({code.ref(call.line)}), which outlives the call: an exception holds its "
            "__traceback__, the traceback holds every frame of the failed call, and each frame "
            "holds its locals (the whole decoded text, the parsed rows), so everything the "
            "failed call had in hand stays in memory for as long as the exception is kept",
            "Keep only what the report needs instead of the exception: its message and type as "
            "text (str(error), type(error).__name__, the line number), or the formatted "
            "traceback (traceback.format_exception) as a string; if the object must be kept, "
            "drop its frames (error.with_traceback(None), traceback.clear_frames) and bound "
            "how many are kept.",
            9,
        )
    return None


#: A step of one unit of time: ONE_MINUTE, timedelta(minutes=1), time.Minute, 60 * 1000.
_TIME_STEP = re.compile(
    r"(?i)^(one_?)?(minute|second|hour|day|tick)s?$|timedelta\(\s*(minutes|seconds|hours|days)"
    r"\s*=\s*1\s*\)|^time\.(Minute|Second|Hour)$|^(60|60_?000|3600|86400)(\s*\*\s*1000)?$"
)


def clock_stepping(code: HotCode) -> Construct | None:
    """Step a time forward one unit per iteration until a count of units is reached."""
    if code.family not in ("cpu", "wall", "other"):
        return None
    for loop in code.hot_loops():
        if loop.collection:
            continue
        step = next(
            (
                u
                for u in code.facts.updates
                if loop.line <= u.line <= loop.end_line
                and u.operator == "+="
                and _TIME_STEP.search(u.value.strip())
            ),
            None,
        )
        if step is None:
            continue
        return Construct(
            "clock-stepping",
            "cpu_hotspot",
            step.line,
            f"Time stepped by {short(step.value, 24)} per iteration",
            f"advances `{short(step.target, 20)}` by `{short(step.value, 24)}` on every "
            f"iteration of the loop ({code.ref(step.line)}) and checks each step: the loop runs "
            "once per minute (or second) of the whole span, closed nights and weekends "
            "included, so one long interval costs thousands of iterations and calls",
            "Jump instead of stepping: compute the next boundary (the end of the current open "
            "period, the next opening time) and add whole spans at once, so the loop runs once "
            "per period instead of once per unit of time.",
            9,
        )
    return None


def exhaustive_recursion(code: HotCode) -> Construct | None:
    """Call itself once per remaining element at every level: every ordering is tried."""
    if code.family not in ("cpu", "wall", "other"):
        return None
    facts = code.facts
    for call in facts.calls:
        if call.name != facts.name or call.receiver not in ("", "self", "this"):
            continue
        loops = facts.loops_around(call.line)
        deeper = any(
            re.search(rf"(?<![\w.]){re.escape(p)}\s*(\+\s*1|-\s*1)\b", call.arguments)
            for p in facts.parameters
        )
        if not loops or not deeper:
            continue
        return Construct(
            "exhaustive-recursion",
            "cpu_hotspot",
            call.line,
            "Exhaustive search over every ordering",
            f"calls itself once per remaining element at every level ({code.ref(call.line)}, in "
            f"the loop at line {loops[0].line}): a brute-force search of every permutation, "
            "n! calls for n elements, so each element added multiplies the work, and every "
            "call from outside runs the whole search again from scratch",
            "Do not enumerate every order: use a heuristic (nearest neighbour plus 2-opt "
            "improvement), dynamic programming over subsets (Held-Karp, O(n²·2ⁿ)) for small n, "
            "or branch and bound that prunes partial orders already worse than the best found; "
            "and cache the result per set of elements when the input repeats.",
            10,
        )
    return None
