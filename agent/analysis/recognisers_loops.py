"""Work a loop repeats that it need not: a scan per element, an index per call, a recursion.

Each recogniser reads the loops around the hot lines with what every iteration binds
(``Loop.variables``): a collection scanned inside a loop over another one (a nested-loop
join), a value computed on every iteration from names the loop never changes, an index built
from long-lived data on every call, a function calling itself twice on a smaller argument,
and a loop that spins instead of waiting.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    INDEX_IDIOM,
    Construct,
    HotCode,
    cost_kind,
    mentions,
    short,
)
from profile_insights.agent.code.facts import Loop, root_of

#: What a time profile measures (a scan or a spin costs time, not memory).
TIME = ("cpu", "wall", "other")
_COMPARES = re.compile(r"===?|!==?|\bequals\(|\bEquals\(|\bEqual\w*\(|\beql\?|\bis\b")
#: Calls that scan a whole collection to count or select (linear search names the lookups).
_SCANS = {"count", "filter", "Count", "Where", "select", "reject", "every", "all", "FindAll"}


def uses(text: str, names: set[str]) -> bool:
    """Return whether ``text`` uses one of ``names`` as a word."""
    return mentions(text, names) is not None


def bound_inside(code: HotCode, loop: Loop) -> set[str]:
    """Return the names a loop binds: its variables and what its body assigns."""
    names = set(loop.variables)
    for binding in code.facts.bindings:
        if loop.line <= binding.line <= loop.end_line:
            names.update(binding.names)
    return names


def scanned_by(code: HotCode, loop: Loop) -> str:
    """Return the collection a loop walks: named by its header, or indexed by its counter."""
    if loop.collection:
        return loop.collection
    counters = set(loop.variables)
    return next(
        (
            i.collection
            for i in code.facts.indexes
            if loop.line <= i.line <= loop.end_line and i.key.strip() in counters
        ),
        "",
    )


def nested_scan(code: HotCode) -> Construct | None:
    """Scan a whole collection for every element of another one: a nested-loop join."""
    if code.family not in TIME or not code.lines:
        return None
    line = code.lines[0]
    loops = code.facts.loops_around(line)
    found: tuple[int, str, Loop] | None = None
    if len(loops) >= 2 and _COMPARES.search(code.facts.statement):
        inner, outer = loops[0], loops[1]
        scanned = scanned_by(code, inner)
        if scanned and not uses(scanned, bound_inside(code, outer)):
            found = (inner.line, scanned, outer)
    calls = [call for at in code.focus_lines() for call in code.facts.calls_at(at)]
    for call in calls if found is None else []:
        # The callback loop a call makes itself (users.filter(...)) is the scan, not
        # the loop around it.
        around = [
            lp
            for lp in code.facts.loops_around(call.line)
            if not (lp.kind == "callback" and lp.line == call.line
                    and lp.collection == call.receiver)
        ]  # fmt: skip
        if call.name in _SCANS and call.receiver and around:
            outer = next((lp for lp in around if lp.collection != call.receiver), around[0])
            if not uses(call.receiver, bound_inside(code, outer)):
                found = (call.line, call.receiver, outer)
                break
    if found is None:
        return None
    at, scanned, outer = found
    over = f"`{short(outer.collection, 30)}`" if outer.collection else "the outer loop"
    idiom = INDEX_IDIOM.get(code.language, "a hash map built once")
    return Construct(
        "nested-scan",
        "cpu_hotspot",
        at,
        f"{short(scanned, 30)} scanned for every element of {short(outer.collection, 30)}",
        f"scans all of `{short(scanned, 40)}` for every element of {over} "
        f"({code.ref(at)}): a nested loop, O(n·m) comparisons, quadratic as both grow",
        f"Index `{short(scanned, 40)}` by the compared key once, before the loop ({idiom}), "
        "and look each element's match up in O(1) (a hash join); to count, count every key "
        "in one pass (a Counter or a map of counts).",
        8,
    )


#: Calls whose result depends only on their arguments (and receiver): safe to hoist.
_PURE = {
    "ToLower", "ToUpper", "TrimSpace", "lower", "upper", "casefold", "strip", "toLowerCase",
    "toUpperCase", "trim", "MustCompile", "Compile", "compile", "Sprintf", "format", "dumps",
    "stringify", "Marshal", "loads", "Unmarshal", "sorted", "LoadLocation", "Getenv", "getenv",
    "ParseDuration", "Atoi", "ParseFloat", "parseInt", "parseFloat", "split", "Split", "Fields",
    "normalize", "Normalize", "encode", "decode", "EncodeToString", "DecodeString",
}  # fmt: skip


def loop_invariant(code: HotCode) -> Construct | None:
    """Compute on every iteration a value made only of names the loop never changes."""
    for line in code.lines[:3]:
        loops = code.facts.loops_around(line)
        if not loops:
            continue
        changing = set().union(*(bound_inside(code, loop) for loop in loops))
        for call in code.facts.calls_at(line):
            made_of = f"{call.receiver} {call.arguments}"
            # A loop's own collection (range strings.Split(...)) is computed once.
            header = any(lp.line == call.line and call.callee in lp.collection for lp in loops)
            if (
                not header
                and call.name in _PURE
                and call.arguments.strip("() ")
                and not uses(made_of, changing)
                and re.search(r"[A-Za-z_]", made_of)
            ):
                over = loops[0].collection
                fold = (
                    "; to compare case-insensitively, strings.EqualFold needs no copy at all"
                    if code.language == "go" and call.name in ("ToLower", "ToUpper")
                    else ""
                )
                return Construct(
                    "loop-invariant",
                    cost_kind(code),
                    call.line,
                    f"{short(call.callee, 30)} recomputed on every iteration",
                    f"computes `{short(call.callee + call.arguments, 50)}` on every iteration "
                    f"of the loop{' over `' + short(over, 30) + '`' if over else ''} "
                    f"({code.ref(call.line)}), although nothing it is made of changes inside "
                    "the loop: the same value, recomputed n times",
                    f"Compute it once, before the loop, and reuse the value{fold}.",
                    7,
                )
    return None


_FRESH_INDEX = re.compile(
    r"^(make\(map|map\[|\{\s*\}|\{.+\bfor\b.+\bin\b|dict\(|set\(|\{\s*[\w.]+\s+for\b"
    r"|new (Map|Set)\(|Object\.fromEntries\(|defaultdict\()"
)


def index_per_call(code: HotCode) -> Construct | None:
    """Build a lookup table from long-lived data on every call, to use it once or twice."""
    facts = code.facts
    fresh = {
        name: b
        for b in facts.bindings
        if _FRESH_INDEX.match(b.value.strip())
        for name in b.names
        if name in facts.locals
    }
    for binding in facts.bindings:
        # A comprehension or a conversion of a lasting collection (set(self.allowed)).
        if code.is_hot(binding.line) and _FRESH_INDEX.match(binding.value.strip()):
            source = _comprehended(binding.value)
            if source and _is_state(code, source):
                return _index_construct(code, binding.line, ", ".join(binding.names), source)
    for loop in code.hot_loops():
        if not loop.collection or not _is_state(code, loop.collection):
            continue
        for update in facts.updates:
            root = update.target.split("[")[0].strip()
            if update.operator == "[]=" and loop.line <= update.line <= loop.end_line:
                if root in fresh:
                    return _index_construct(code, loop.line, root, loop.collection)
        for call in facts.calls:
            if (
                loop.line <= call.line <= loop.end_line
                and call.name in ("set", "add", "Store", "put")
                and call.receiver in fresh
            ):
                return _index_construct(code, loop.line, call.receiver, loop.collection)
    return None


def _is_state(code: HotCode, expression: str) -> bool:
    """Return whether ``expression`` is long-lived state, not a field of this call's input.

    The receiver's fields (``s.items``, ``self.items``) and package- or module-level names are;
    ``req.lines`` of a parameter is this call's own data, indexed because it is new.
    """
    facts = code.facts
    root = root_of(expression)
    inputs = facts.parameters - {"self", "this", "cls", facts.receiver}
    return facts.outlives_call(expression) and root not in inputs


def _comprehended(value: str) -> str:
    """Return the collection a comprehension or a conversion reads (``self.items``)."""
    found = re.search(r"\bin\s+([\w.$@\[\]]+)\s*[})\]]?\s*$", value) or re.match(
        r"^(?:set|dict|new (?:Map|Set)|Object\.fromEntries)\(\s*([\w.$@]+)", value.strip()
    )
    return found.group(1) if found else ""


def _index_construct(code: HotCode, line: int, index: str, source: str) -> Construct:
    return Construct(
        "index-per-call",
        cost_kind(code),
        line,
        f"Index of {short(source, 30)} rebuilt on every call",
        f"builds `{short(index, 30)}` from all of `{short(source, 40)}` on every call "
        f"({code.ref(line)}), to look up a few entries: O(n) work and allocation per call "
        "for data that changes only when the collection does",
        f"Build the index once, when `{short(source, 40)}` is loaded or changes, and keep it "
        "beside it (a field or a module-level map); look entries up there, or cache the "
        "index keyed by the collection's version.",
        8,
    )


def tree_recursion(code: HotCode) -> Construct | None:
    """Call itself on smaller or child arguments, keeping nothing: shared sub-results redone.

    Two self-calls on a smaller argument (``ways(n-1) + ways(n-2)``), or a self-call per
    element of a child collection (``for child in part.components: self.cost(child)``), with
    no memo: when sub-problems overlap (a DAG, shared sub-assemblies) each is solved again for
    every path that reaches it.
    """
    if code.family not in TIME:
        return None
    facts = code.facts
    own = [c for c in facts.calls if c.name == facts.name and c.receiver in ("", "self", "this")]
    shrinking = [
        c
        for c in own
        if any(
            re.search(rf"(?<![\w.]){re.escape(p)}\s*(-|\+|\[|//|/|>>)", c.arguments)
            for p in facts.parameters
        )
    ]
    per_child = [
        (c, loop)
        for c in own
        for loop in facts.loops_around(c.line)[:1]
        if uses(c.arguments, set(loop.variables))
    ]
    lasting = facts.outlives_call
    memoised = bool(facts.decorators) or any(
        u.operator == "[]=" and lasting(u.target) for u in facts.updates
    )
    if memoised or (len(shrinking) < 2 and not per_child):
        return None
    if len(shrinking) >= 2:
        call = shrinking[0]
        how = f"calls itself {len(shrinking)} times per call on smaller arguments"
    else:
        call, loop = per_child[0]
        how = f"calls itself for every element of `{short(loop.collection, 30)}`"
    return Construct(
        "tree-recursion",
        "cpu_hotspot",
        call.line,
        f"{facts.name} recomputes the same sub-results",
        f"{how} (`{short(call.callee + call.arguments, 30)}`, {code.ref(call.line)}) and "
        "keeps no result: wherever sub-problems are shared (the same child reached by many "
        "paths), each is recomputed again and again for every path, so the work grows "
        "exponentially with the depth",
        "Memoise the sub-results (a dict keyed by the argument, functools.lru_cache, a map; "
        "cleared when the data changes) or compute them bottom-up once per item, in "
        "dependency order.",
        8,
    )


#: A body with nothing in it but, maybe, a comment (``for !ready.Load() {}``, ``: pass``).


#: How to block until there is work instead of polling, per grammar.
_BLOCK_INSTEAD = {
    "go": "drop the default case so the select waits on its channels, or wait on a channel, "
    "a sync.Cond or a WaitGroup instead of polling a flag",
    "python": "take items with a blocking get (queue.Queue.get(), or get(timeout=...) to "
    "check for shutdown), or wait on a threading.Condition or Event that the producer sets, "
    "instead of testing an empty deque in a loop",
    "javascript": "await the work instead of polling: resolve a promise (or emit an event) "
    "when an item is added, and let the loop await it",
}


def busy_wait(code: HotCode) -> Construct | None:
    """Spin in a loop that polls instead of blocking until there is work."""
    if code.family not in TIME or not code.lines:
        return None
    statement = code.facts.statement.strip()
    around = [lp for ln in code.lines[:3] for lp in code.facts.loops_around(ln)]
    spinning = next((lp for lp in around if lp.spins), None)
    if spinning is None:
        return None
    at = spinning.line
    how = (
        "a select with an empty default never waits for its channels, "
        if statement.startswith("default")
        else "a path of its body goes straight back to the top (an empty check that "
        "`continue`s, or an empty body), so it re-tests its condition as fast as the CPU can, "
    )
    return Construct(
        "busy-wait",
        "cpu_hotspot",
        at,
        "Loop spins instead of waiting (busy-wait)",
        f"loops without ever blocking ({code.ref(at)}): {how}"
        "so a core burns at 100% polling, constantly, doing nothing while it waits for work",
        "Block until there is work: "
        + _BLOCK_INSTEAD.get(code.language, _BLOCK_INSTEAD["go"])
        + "; if polling is unavoidable, sleep or use a ticker between checks.",
        8,
    )


LOOP_RECOGNISERS = (
    nested_scan,
    index_per_call,
    tree_recursion,
    busy_wait,
    loop_invariant,
)
"""The loop recognisers, most specific first."""
