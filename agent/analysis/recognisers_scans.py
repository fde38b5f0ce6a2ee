"""Work repeated far more often than its data changes: a filter, a total, a sort key.

A service keeps its data (``self.orders``, ``w.samples``) and, on each request, walks all of it
to pick the few elements matching a key, or to re-add totals that one new element barely
changed. Both are O(n) per call in the size of everything kept, and both have a structure
that answers in O(1): an index by the key, running aggregates kept as elements come and go.
A comparator that parses or computes its keys runs that work on every comparison, n log n
times, instead of once per element.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, compared_key, short
from profile_insights.agent.analysis.recognisers_loops import (
    TIME,
    bound_inside,
    scanned_by,
    uses,
)
from profile_insights.agent.code.facts import Loop, root_of


def _own_state(code: HotCode, text: str) -> bool:
    """Return whether ``text`` is state the function's object or module keeps (not an argument).

    A cart passed in is the request's own data; ``self.events`` or a package-level slice is
    what the service keeps between calls.
    """
    root = root_of(text)
    if root in ("self", "this") or root.startswith("@") or root == code.facts.receiver:
        return True
    return root not in code.facts.parameters and code.facts.outlives_call(text)


def _hottest_in(code: HotCode, loop: Loop) -> int:
    """Return the hottest profiled line of a loop's body (its header line without one)."""
    return next((ln for ln in code.lines if loop.line <= ln <= loop.end_line), loop.line)


def filter_scan(code: HotCode) -> Construct | None:
    """Select from a whole long-lived collection the elements matching a key, on every call."""
    if code.family not in TIME:
        return None
    for loop in code.hot_loops():
        if (
            loop.compares_and_exits  # a search: linear search names it
            or len(code.facts.loops_around(loop.line)) > 1  # inside a loop: a nested scan
            or not loop.collection
            or not code.facts.outlives_call(loop.collection)
        ):
            continue
        found = compared_key(code, loop)
        if found is None:
            continue
        element, key = found
        idiom = GROUP_IDIOM.get(code.language, "a map from each key to its elements")
        line = _hottest_in(code, loop)
        return Construct(
            "filter-scan",
            "cpu_hotspot",
            line,
            f"Whole {short(loop.collection, 30)} filtered on every call",
            f"walks all of `{short(loop.collection, 40)}` to pick the elements whose "
            f"`{short(element, 30)}` equals `{short(key, 30)}` on every call "
            f"({code.ref(line)}): a full scan, O(n) in the size of the whole collection "
            "per request however few elements match, and slower as the data grows",
            f"Keep an index from `{short(element, 30)}` to its elements ({idiom}), updated "
            f"where `{short(loop.collection, 40)}` changes, and read the matches from it "
            "instead of scanning everything on each call.",
            7,
        )
    return None


#: A grouping index in each grammar: key -> the elements with that key.
GROUP_IDIOM = {
    "go": "map[K][]*Item",
    "python": "a dict of lists, collections.defaultdict(list)",
    "javascript": "a Map from key to an array",
    "typescript": "a Map<K, T[]>",
    "java": "a Map<K, List<T>>",
    "csharp": "a Dictionary<K, List<T>> or ToLookup",
    "ruby": "a Hash of arrays, group_by once",
    "rust": "a HashMap<K, Vec<T>>",
}


#: Updates that fold elements into an accumulator.
_FOLDS = {"+=", "-=", "++", "--", "*=", "|=", "&=", "^="}


#: Calls that fold a whole iterable into one value (``sum(o.total for o in self.orders)``).
_REDUCERS = {"sum", "Counter", "max", "min", "mean", "fmean", "fsum", "median", "len"}
_REDUCING_CALLBACK = re.compile(r"\.(reduce|reduceRight|inject|sum|Sum|Aggregate)\s*\(")


def _reduced(code: HotCode, loop: Loop) -> list[str]:
    """Return the fold a comprehension or callback loop feeds (``sum``, ``reduce``), if any."""
    if loop.kind == "callback":
        found = _REDUCING_CALLBACK.search(loop.header)
        return [found.group(1)] if found else []
    if loop.kind != "comprehension":
        return []
    header = loop.header.strip("()[] ")
    return [
        f"{c.name}(...)"
        for c in code.facts.calls_at(loop.line)
        if c.name in _REDUCERS and not c.receiver and header and header in c.arguments
    ][:1]


def _running_best(code: HotCode, loop: Loop, inside: set[str]) -> list[str]:
    """Return the local a loop keeps the largest element in (``if v > best { best = v }``)."""
    for line, text in code.facts.limits:
        if not loop.line <= line <= loop.end_line:
            continue
        sides = re.split(r"\s*>=?\s*", text, maxsplit=1)
        # The best so far is declared before the loop (and reassigned inside it).
        before = {n for b in code.facts.bindings if b.line < loop.line for n in b.names}
        element = set(loop.variables) | (inside - before)
        roots = [re.match(r"\s*(\w+)", side) for side in sides]
        outside = [m.group(1) for m in roots if m and m.group(1) in before]
        # A best is kept: the loop assigns the local from the element (best = r), unlike a
        # threshold it only compares with (it.Expires > now).
        kept = {
            n
            for b in code.facts.bindings
            if loop.line <= b.line <= loop.end_line and uses(b.value, element)
            for n in b.names
        }
        outside = [name for name in outside if name in kept]
        if len(sides) == 2 and outside and any(uses(side, element) for side in sides):
            return [f"the largest `{outside[0]}`"]
    return []


def _dominates(code: HotCode, loop: Loop) -> bool:
    """Return whether a loop's body is where most of the whole profile goes.

    A collection handed in may be the caller's long-lived state (``s.pool.byID``) or the
    request's own data; when walking it is most of the service's time, it is big enough that
    walking it on every call is the problem either way.
    """
    body = [code.weights.get(ln, 0.0) for ln in code.lines if loop.line <= ln <= loop.end_line]
    return sum(body) >= 50.0


def aggregate_per_call(code: HotCode) -> Construct | None:
    """Recompute totals over all of a long-lived collection on every call."""
    if code.family not in TIME:
        return None
    for loop in code.hot_loops():
        scanned = scanned_by(code, loop)
        if (
            loop.compares_and_exits
            or len(code.facts.loops_around(loop.line)) > 1
            or not scanned
            or not ((kept := _own_state(code, scanned)) or _dominates(code, loop))
        ):
            continue
        inside = bound_inside(code, loop)
        totals = sorted(
            {
                u.target.strip()
                for u in code.facts.updates
                if loop.line <= u.line <= loop.end_line
                and u.operator in _FOLDS
                and not u.textual
                and u.target.strip() in code.facts.locals
                and u.target.strip() not in inside
            }
        )
        if not totals:
            totals = _reduced(code, loop) or _running_best(code, loop, inside)
        # A total of what the caller passed (a cart's lines) is the request's own work; the
        # best of a big collection handed in, picked by a scan that is most of the profile,
        # is a search an ordered structure answers.
        if not totals or (not kept and not totals[0].startswith("the largest")):
            continue
        stored = any(
            u.line < loop.line and u.target.startswith(scanned) for u in code.facts.updates
        ) or any(b.line < loop.line and uses(b.value, {scanned}) and "append" in b.value
                 for b in code.facts.bindings)  # fmt: skip
        line = _hottest_in(code, loop)
        named = ", ".join(t if t.startswith("the ") else f"`{short(t, 20)}`" for t in totals[:3])
        changed = "after storing one new element " if stored else ""
        return Construct(
            "aggregate-per-call",
            "cpu_hotspot",
            line,
            f"Totals over all of {short(scanned, 30)} recomputed on every call",
            f"{changed}re-walks every element of `{short(scanned, 40)}` to recompute {named} "
            f"on every call ({code.ref(line)}): a scan of the whole collection, O(n) per call "
            "in the size of everything kept, although each call changes it by one element",
            (
                "Keep the elements ordered by what is compared (a heap or a sorted index, "
                "updated when an element's value changes) so the best one is read from the "
                "top in O(1) or O(log n), instead of scanning all of them on every call."
                if totals[0].startswith("the largest")
                else "Keep the totals as running aggregates beside the collection: add what "
                "each new element contributes and subtract what the element it replaces or "
                "evicts contributed, so each call is O(1); for a sliding window, keep "
                "per-bucket sums in a ring of time buckets (or a prefix sum) instead of "
                "re-adding every sample."
            ),
            6,
        )
    return None


#: Calls that sort with a comparator called for every comparison (not a key per element).
_COMPARATOR_SORTS = {
    "Slice", "SliceStable", "SortFunc", "SortStableFunc", "Sort", "Stable", "sort", "toSorted",
    "cmp_to_key", "sortWith", "OrderBy", "ThenBy",
}  # fmt: skip
#: What a comparator may call cheaply: comparisons and field reads.
_CHEAP_IN_COMPARATOR = {
    "Before", "After", "Equal", "Compare", "compare", "Less", "len", "cmp", "getTime", "valueOf",
    "localeCompare", "CompareTo", "compareTo", "min", "max", "Cmp",
}  # fmt: skip


def work_per_comparison(code: HotCode) -> Construct | None:
    """Parse or compute the sort keys inside a comparator, on every comparison."""
    passed = code.facts.passed_to
    if passed is None or passed.name not in _COMPARATOR_SORTS or code.family in ("inuse",):
        return None
    work = [c for c in code.facts.calls if c.name not in _CHEAP_IN_COMPARATOR]
    if not work:
        return None
    call = min(work, key=lambda c: (not code.is_hot(c.line), c.line))
    callee = f"new {call.callee}" if call.constructs else call.callee
    return Construct(
        "work-per-comparison",
        "cpu_hotspot",
        call.line,
        f"{short(callee, 30)} run on every comparison of the sort",
        f"calls `{short(callee, 40)}` inside the comparator passed to "
        f"`{short(passed.callee, 30)}` ({code.ref(call.line)}): a sort calls its comparator "
        "O(n log n) times, twice per comparison, so each element's key is recomputed about "
        "2·log2(n) times (for 10,000 elements, some 270,000 calls instead of 10,000)",
        "Compute each element's sort key once, before sorting (parse the field when the data "
        "is loaded, or sort a slice of {key, item} pairs built in one pass; in JavaScript map "
        "to [key, item] pairs, sort, then map back; in Python, sorted(key=...)), and compare "
        "the precomputed keys in the comparator.",
        10,  # what runs per comparison, more than what the call is (a date parse)
    )


SCAN_RECOGNISERS = (filter_scan, aggregate_per_call, work_per_comparison)
"""Scans of kept data per call, most specific first."""
