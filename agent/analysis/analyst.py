"""The deterministic analyst: table + knowledge base + code windows -> findings, with no model.

It always runs, so a report never depends on a chat model. It says two kinds of things: what
known library and runtime frames mean (from the knowledge base, e.g. ``runtime.mallocgc`` =
allocation pressure), and what the hottest in-repo lines do (from the code actually read, e.g. a
string built with ``+=`` in a loop). Every finding cites the rows it comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast, get_args

from profile_insights.agent.analysis.callpaths import (
    PASS_THROUGH_SHARE,
    heavy_line_pattern,
    inlined_callee,
    innermost_function,
    library_kind_inside,
    lock_taken_above,
    passes_through,
)
from profile_insights.agent.analysis.models import Finding, ProblemKind, evidence_of
from profile_insights.agent.analysis.patterns import (
    focus_text,
    pattern_kinds,
)
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.table import TopRow, TopTable


class KnowledgeEntry(Protocol):
    """What the knowledge base says about a frame (see ``agent.analysis.knowledge``)."""

    @property
    def kind(self) -> str:
        """Return the problem kind, one of ``ProblemKind`` when known."""
        ...

    @property
    def meaning(self) -> str:
        """Return what a hot frame of this kind means."""
        ...

    @property
    def remedy(self) -> str:
        """Return what usually fixes it."""
        ...


Lookup = Callable[[str, str | None], KnowledgeEntry | None]
"""``knowledge.lookup(function, file)``: the entry for a frame, or None."""

_KINDS: frozenset[str] = frozenset(get_args(ProblemKind))

# Below this share of the total a library frame is noise, not a finding.
LIBRARY_THRESHOLD_PCT = 3.0
# In-repo rows are reported when they cost this much themselves or with their callees.
REPO_FLAT_THRESHOLD_PCT = 0.5
REPO_CUM_THRESHOLD_PCT = 5.0


_TYPE_DEFAULT_KIND: dict[str, ProblemKind] = {
    "cpu": "cpu_hotspot",
    "alloc_space": "allocation_pressure",
    "alloc_objects": "allocation_pressure",
    "inuse_space": "retained_memory",
    "inuse_objects": "retained_memory",
    "goroutine": "goroutine_leak",
    "goroutines": "goroutine_leak",
}

#: Kinds of code pattern that, in a goroutine profile, are where goroutines stay parked.
_PARKING_KINDS = frozenset({"channel_blocking", "lock_contention", "io_wait"})

_GOROUTINE_LEAK_FIX = (
    "Make sure every goroutine parked here can finish: give a result channel a buffer of one "
    "so the send completes after the receiver has gone, select on ctx.Done() next to the "
    "send or receive, and close the channels goroutines wait on."
)

_KIND_ADVICE: dict[str, str] = {
    "cpu_hotspot": "Do less work per call here: cache results, move invariant work out of "
    "loops, or pick a cheaper algorithm.",
    "allocation_pressure": "Allocate less here: reuse buffers, preallocate, avoid "
    "conversions and temporary copies.",
    "retained_memory": "Release what this code holds: bound caches, drop references when "
    "done, stream instead of buffering.",
    "lock_contention": "Shorten the critical section or shard the lock.",
    "channel_blocking": "Unblock the other side: buffer, add workers, or add timeouts.",
    "goroutine_leak": "Make sure every goroutine started here can finish (context "
    "cancellation, closed channels).",
    "serialization": "Encode/decode less often: cache, use typed structs, avoid round trips.",
    "compression": "Compress less often or at a cheaper level.",
    "gc_pressure": "Allocate less so the collector runs less.",
    "io_wait": "Batch or parallelise the I/O, or move it off the request path.",
    "other": "Look at what this code does per call and whether it can do less.",
}


KIND_LABELS: dict[str, str] = {
    "cpu_hotspot": "CPU hotspot",
    "allocation_pressure": "Allocation pressure",
    "retained_memory": "Retained memory",
    "lock_contention": "Lock contention",
    "channel_blocking": "Channel blocking",
    "goroutine_leak": "Goroutine leak",
    "gc_pressure": "GC pressure",
    "compression": "Compression",
    "serialization": "Serialization",
    "io_wait": "I/O wait",
    "other": "Other",
}


def problem_kind(kind: str) -> ProblemKind:
    """Return ``kind`` when it is a known problem kind, else ``other``."""
    return cast(ProblemKind, kind) if kind in _KINDS else "other"


def _library_findings(
    table: TopTable,
    pairs: list[tuple[TopRow, SourceMatch | None]],
    lookup: Lookup,
    nesting: Nesting | None = None,
) -> list[Finding]:
    known: list[tuple[TopRow, KnowledgeEntry, ProblemKind]] = []
    for row, match in pairs:
        if match is not None and match.kind == "in_repo":
            continue
        entry = lookup(row.function or row.name, row.file)
        if entry is not None:
            known.append((row, entry, problem_kind(entry.kind)))
    # What the profile type can show: a sort in an allocation profile is not a CPU hotspot.
    # An in-use heap is kept whole: what holds memory there may be a decoder or compressor.
    shown = None if table.sample_type.startswith("inuse") else pattern_kinds(table.sample_type)
    grouped: dict[ProblemKind, list[tuple[TopRow, KnowledgeEntry]]] = {}
    for row, entry, kind in known:
        if shown is not None and kind not in shown:
            continue
        if (
            nesting is not None
            and row.flat_pct < 1.0
            and any(
                other_kind != kind and nesting.inside(row.rank, other.rank) >= PASS_THROUGH_SHARE
                for other, _, other_kind in known
            )
        ):
            # fmt.Fprintf into a gzip writer: its time is the compressor's, not formatting.
            continue
        grouped.setdefault(kind, []).append((row, entry))
    findings = []
    for kind, rows in grouped.items():
        rows.sort(key=lambda item: (-item[0].cum_pct, -item[0].flat_pct))
        flat = sum(row.flat_pct for row, _ in rows)
        if kind == "io_wait":
            # Waiting is time in the waiting frames themselves (a syscall, an idle event loop);
            # the cum of a server loop such as serve_forever is the whole program's work.
            rows.sort(key=lambda item: (-item[0].flat_pct, -item[0].cum_pct))
        top_row, entry = rows[0]
        weight = flat if kind == "io_wait" else max(top_row.cum_pct, flat)
        if weight < LIBRARY_THRESHOLD_PCT:
            continue
        cited = rows[:3]
        names = ", ".join(f"`{row.function or row.name}`" for row, _ in cited)
        findings.append(
            Finding(
                title=f"{KIND_LABELS[kind]}: {top_row.function or top_row.name}"
                + (
                    f" ({flat:.1f}% self)"
                    if kind == "io_wait"
                    else f" ({top_row.cum_pct:.1f}% cum)"
                ),
                kind=kind,
                explanation=f"{names} account for up to {weight:.1f}% of the "
                f"{table.sample_type} total. {entry.meaning}",
                recommendation=entry.remedy,
                evidence=[evidence_of(row) for row, _ in cited],
            )
        )
    return findings


def _repo_findings(
    table: TopTable,
    pairs: list[tuple[TopRow, SourceMatch | None]],
    library: list[Finding],
    max_findings: int,
    nesting: Nesting | None = None,
) -> list[Finding]:
    by_function: dict[str, list[tuple[TopRow, SourceMatch]]] = {}
    for row, match in pairs:
        if match is None or match.kind != "in_repo" or match.window is None:
            continue
        if row.flat_pct < REPO_FLAT_THRESHOLD_PCT and row.cum_pct < REPO_CUM_THRESHOLD_PCT:
            continue
        by_function.setdefault(row.function or row.name, []).append((row, match))
    # The function whose own lines cost the most comes first; cum breaks ties (callers).
    ordered = sorted(
        by_function.items(),
        key=lambda item: (
            -sum(row.flat_pct for row, _ in item[1]),
            -max(row.cum_pct for row, _ in item[1]),
        ),
    )
    strongest = max(library, key=impact) if library else None
    dominant = strongest.kind if strongest is not None else None
    fallback = _TYPE_DEFAULT_KIND.get(table.sample_type, dominant or "cpu_hotspot")
    retention = fallback == "retained_memory"
    parked = table.sample_type.startswith("goroutine")
    memory = table.sample_type.startswith(("alloc", "inuse"))
    kinds = pattern_kinds(table.sample_type)
    heaviest = {
        function: max((row for row, _ in rows), key=lambda row: row.cum_pct)
        for function, rows in by_function.items()
    }
    explained_functions = []
    for function, rows in ordered:
        rows.sort(key=lambda item: (-item[0].flat_pct, -item[0].cum_pct))
        flat = sum(row.flat_pct for row, _ in rows)
        pattern, pattern_line = heavy_line_pattern(rows, kinds)
        if pattern is not None and flat < 1.0 and passes_through(function, heaviest, nesting):
            # The line calls something costly (fmt.Sprintf in a load loop around the real
            # work): its cost is another in-repo function's, which gets its own finding.
            pattern, pattern_line = None, None
        explained_functions.append((function, rows, pattern, pattern_line, flat))
    # A caller whose lines do nothing themselves (no self cost, no known pattern) is the path
    # to the problem, not the problem: report the code that does the work.
    working = [item for item in explained_functions if item[2] is not None or item[4] >= 1.0]
    if not working and explained_functions:
        # Nothing stands out by itself: the deepest in-repo frame on the hot path is where to
        # look (the one the others run inside; without the stacks, the smallest cum).
        deepest = innermost_function([(item[0], item[1]) for item in explained_functions], nesting)
        working = [item for item in explained_functions if item[0] == deepest]
    findings = []
    for function, rows, pattern, line_of, flat in working[:max_findings]:
        cited = rows[:3]
        row, match = cited[0]
        where = f"{match.repo_path}:{row.line}"
        # With -lines each row is one line: the function's own cost is the sum of its lines'
        # flat, and its total is at least that (cum of one line does not include the others).
        cum = max(max(r.cum_pct for r, _ in rows), flat)
        bound = "at least "
        if nesting is not None and not any(
            nesting.inside(a.rank, b.rank) > 0 for a, _ in rows for b, _ in rows if a is not b
        ):
            # The stacks show no line of it under another (no recursion): each sample is at
            # one of its lines, so their cum add up.
            cum, bound = min(100.0, max(cum, sum(r.cum_pct for r, _ in rows))), ""
        cost = (
            f"`{function}` costs {flat:.1f}% itself and {cum:.1f}% with what it calls"
            if len(rows) == 1
            else f"the {len(rows)} hot lines of `{function}` cost {flat:.1f}% themselves "
            f"({bound}{cum:.1f}% with what they call)"
        )
        if pattern is not None and line_of is not None:
            kind = pattern.kind
            if retention and kind == "allocation_pressure":
                # An in-use profile counts what is still held: the allocation is not the
                # problem, keeping it is.
                kind = "retained_memory"
            explanation = (
                f"{cost}; {line_of.repo_path}:{line_of.line} {pattern.what}: "
                f"`{focus_text(line_of).strip()}`."
            )
            recommendation = pattern.fix
            if kind == "retained_memory":
                explanation += (
                    " In an in-use profile this is memory still held when the profile was taken."
                )
                recommendation = _KIND_ADVICE["retained_memory"]
            if parked and kind in _PARKING_KINDS:
                # A goroutine profile counts goroutines, not time: a wait here is not slow,
                # it is goroutines that have not finished when the profile was taken.
                kind = "goroutine_leak"
                explanation += (
                    " In a goroutine profile these are goroutines parked on this line when the "
                    "profile was taken: if nobody ever completes the other side (a receiver "
                    "that gave up after a timeout, a channel never closed), they never exit "
                    "and their number grows - a leak."
                )
                recommendation = _GOROUTINE_LEAK_FIX
        else:
            inner = library_kind_inside(heaviest[function], library, nesting, table)
            if inner is None and strongest is not None and impact(strongest) >= cum / 2:
                # Without the stacks' word, the strongest library kind explains a function
                # only when it is big enough to be where the function's time goes: 8% of
                # runtime.lock says nothing about a function costing 99%.
                inner = strongest.kind
            kind = inner if inner is not None and flat < cum / 2 else fallback
            explanation = f"{cost}; the hottest line is {where}: `{focus_text(match).strip()}`."
            recommendation = _KIND_ADVICE[kind]
        code_refs = [f"{m.repo_path}:{r.line}" for r, m in cited]
        inlined = inlined_callee(row, match, pairs) if memory else None
        if inlined is not None:
            callee, callee_ref = inlined
            explanation += (
                f" The line calls `{callee.rsplit('/', 1)[-1]}`, inlined there by the compiler: "
                f"the heap profile counts its allocations on this line; look at it "
                f"({callee_ref})."
            )
            code_refs.append(callee_ref)
        taken = lock_taken_above(match) if kind == "lock_contention" and not pattern else None
        if taken is not None:
            # Go's mutex profile charges the delay to where the lock is released, often a
            # deferred Unlock running at return: the code to change is what the lock guards.
            number, text = taken
            explanation += (
                f" The lock is taken at {match.repo_path}:{number} (`{text.strip()}`) and "
                f"released by line {row.line}: others wait while the code between runs."
            )
            code_refs.append(f"{match.repo_path}:{number}")
        findings.append(
            Finding(
                title=f"{function.rsplit('/', 1)[-1]} at {where}",
                kind=kind,
                explanation=explanation,
                recommendation=recommendation,
                evidence=[evidence_of(r, m) for r, m in cited],
                code_refs=code_refs,
            )
        )
    return findings


def impact(finding: Finding) -> float:
    """Return the finding's expected impact: its estimate, else its heaviest evidence."""
    if finding.estimated_saving_pct is not None:
        return finding.estimated_saving_pct
    return max((item.cum_pct for item in finding.evidence), default=0.0)


def analyse(
    table: TopTable,
    matches: list[SourceMatch],
    lookup: Lookup,
    *,
    max_code_findings: int = 4,
    nesting: Nesting | None = None,
) -> list[Finding]:
    """Return findings for a table, ordered by expected impact (biggest first).

    ``nesting`` (which rows run inside which, from the profile's stacks) sharpens the
    attribution: callers that only pass through, and the library work under a code line.

    ``matches`` are the source matches of the table's rows, in row order (missing ones are
    treated as unknown frames).
    """
    pairs: list[tuple[TopRow, SourceMatch | None]] = [
        (row, matches[index] if index < len(matches) else None)
        for index, row in enumerate(table.rows)
    ]
    library = _library_findings(table, pairs, lookup, nesting)
    findings = _repo_findings(table, pairs, library, max_code_findings, nesting) + library
    findings.sort(key=impact, reverse=True)
    return findings
