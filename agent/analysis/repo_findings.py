"""The analyst's findings about the checkout's code: the functions that own the cost, explained.

For each function of the checkout that owns enough of the profile (or costs enough itself), the
explanation comes from a recognised construct, the library call under its hot lines, a pattern
on its hot line's text, or the library work inside it (:mod:`code_findings`), with the call
path reasoning of :mod:`callpaths` (callers that only pass time on, inlined callees, where a
lock released at return was taken).
"""

from __future__ import annotations

from profile_insights.agent.analysis.advice import (
    FAMILY_DEFAULT_KIND,
    GOROUTINE_LEAK_FIX,
    GOROUTINE_LOCK_NOTE,
    KIND_ADVICE,
    PARKING_KINDS,
    REPO_CUM_THRESHOLD_PCT,
    REPO_FLAT_THRESHOLD_PCT,
    impact,
)
from profile_insights.agent.analysis.call_sites import (
    call_site,
    call_site_finding,
    caller_loop,
)
from profile_insights.agent.analysis.callpaths import (
    heavy_line_pattern,
    inlined_callee,
    innermost_function,
    library_kind_inside,
    lock_taken_above,
    passes_through,
)
from profile_insights.agent.analysis.code_findings import (
    MIN_OWN_PCT,
    FactsOf,
    cause_entry,
    construct_finding,
    construct_of,
    entry_finding,
    hot_code,
    hot_functions,
    merge_same_cause,
)
from profile_insights.agent.analysis.context import Context, hot_context
from profile_insights.agent.analysis.models import Finding, ProblemKind, evidence_of
from profile_insights.agent.analysis.patterns import CodePattern, focus_text, pattern_kinds
from profile_insights.agent.code.frame_names import frame_of, parse_frame
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.ownership import Ownership
from profile_insights.agent.profiles.table import TopRow, TopTable


def function_cost(
    function: str, rows: list[tuple[TopRow, SourceMatch]], own: float, nesting: Nesting | None
) -> str:
    """Return how much a function costs, from its lines (and what it owns)."""
    flat = sum(row.flat_pct for row, _ in rows)
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
    lines = f", {len(rows)} hot lines" if len(rows) > 1 else ""
    name = frame_of(rows[0][0]).display if rows else function
    text = f"`{name}` is on the stack of {bound}{cum:.1f}% of the total ({flat:.1f}% in its "
    text += f"own code{lines})"
    if own >= 0.05:
        text += f"; for {own:.1f}% it is the innermost code of this checkout on the stack"
    return text


def repo_findings(
    table: TopTable,
    pairs: list[tuple[TopRow, SourceMatch | None]],
    library: list[Finding],
    max_findings: int,
    nesting: Nesting | None = None,
    ownership: Ownership | None = None,
    facts_of: FactsOf | None = None,
    family: str = "cpu",
    redirect: dict[str, str] | None = None,
) -> list[Finding]:
    """Return findings about the checkout's functions that own (or cost) the most, heaviest first.

    At most ``max_findings``; ``library`` (the library findings) gives the strongest library
    kind, the fallback explanation of a function nothing else explains; ``redirect`` the
    library calls that only pass their work on (see :func:`code_findings.hot_functions`).
    """
    repo_pairs = [
        (row, match)
        for row, match in pairs
        if match is not None and match.kind == "in_repo" and match.window is not None
    ]
    candidates = [
        f
        for f in hot_functions(repo_pairs, ownership, redirect)
        if f.own_pct >= MIN_OWN_PCT
        or any(
            row.flat_pct >= REPO_FLAT_THRESHOLD_PCT or row.cum_pct >= REPO_CUM_THRESHOLD_PCT
            for row, _ in f.rows
        )
    ]
    by_function = {f.name: f.rows for f in candidates}
    strongest = max(library, key=impact) if library else None
    dominant = strongest.kind if strongest is not None else None
    # What the profile measures, not the strongest library finding: a tracing middleware
    # wrapping every request, or the idle event loop beside the handlers, is not what the
    # handlers' own code costs.
    fallback = FAMILY_DEFAULT_KIND.get(family, dominant or "cpu_hotspot")
    retention = fallback == "retained_memory"
    parked = table.sample_type.startswith("goroutine")
    memory = table.sample_type.startswith(("alloc", "inuse"))
    kinds = pattern_kinds(table.sample_type)
    heaviest = {
        function: max((row for row, _ in rows), key=lambda row: row.cum_pct)
        for function, rows in by_function.items()
    }
    line_rows = {name: [row for row, _ in rows] for name, rows in by_function.items()}
    # With the stacks, a line that owns nothing (no sample ends in it or in library work it
    # calls) costs nothing itself, whatever its text says it does.
    owned_anything = ownership is not None and bool(ownership.lines)
    explained = []
    for function in candidates:
        rows = function.rows
        flat = sum(row.flat_pct for row, _ in rows)
        code = hot_code(function, family, facts_of)
        construct = construct_of(code)
        pattern, pattern_line = heavy_line_pattern(rows, kinds)
        owns_nothing = owned_anything and function.own_pct < MIN_OWN_PCT
        if (
            pattern is not None
            and flat < 1.0
            and (owns_nothing or passes_through(function.name, heaviest, nesting, line_rows))
        ):
            # The line calls something costly (fmt.Sprintf in a load loop around the real
            # work): its cost is another in-repo function's, which gets its own finding.
            pattern, pattern_line = None, None
        if construct is not None and function.own_pct < MIN_OWN_PCT and flat < 1.0:
            construct = None  # a construct in a caller that owns nothing is not the problem
        explained.append((function, construct, pattern, pattern_line, flat, code))
    # A caller whose lines do nothing themselves (no self cost, nothing it owns, no known
    # construct or pattern) is the path to the problem, not the problem.
    working = [
        item
        for item in explained
        if item[1] is not None
        or item[2] is not None
        or item[4] >= 1.0
        or item[0].own_pct >= MIN_OWN_PCT
    ]
    if not working and explained:
        # Nothing stands out by itself: the deepest in-repo frame on the hot path is where to
        # look (the one the others run inside; without the stacks, the smallest cum).
        deepest = innermost_function([(item[0].name, item[0].rows) for item in explained], nesting)
        working = [item for item in explained if item[0].name == deepest]
    findings = []
    for function, construct, pattern, line_of, flat, code in working[:max_findings]:
        rows = function.rows
        cited = rows[:3]
        cost = function_cost(function.name, rows, function.own_pct, nesting)
        code_refs = [f"{m.repo_path}:{m.line}" for _, m in cited]
        evidence = [evidence_of(r, m) for r, m in cited]
        # An in-use heap shows where retained memory was allocated; an allocation construct
        # there says why it is allocated, not why it is kept: a caller keeping it says that.
        keeps_nothing = construct is None or (
            family == "inuse" and construct.kind != "retained_memory"
        )
        site = call_site(function, candidates, nesting, family, facts_of) if keeps_nothing else None
        if site is not None:
            findings.append(call_site_finding(function, site, cost, family, code_refs, evidence))
            continue
        if construct is not None:
            finding = construct_finding(function, construct, cost, family, code_refs, evidence)
            often = caller_loop(function, candidates, nesting, family, facts_of)
            if often is not None:
                fix = f"{often.fix} {finding.recommendation}" if often.fix else None
                finding = finding.model_copy(
                    update={
                        "explanation": finding.explanation + often.sentence,
                        "recommendation": fix or finding.recommendation,
                    }
                )
            if parked and finding.kind in PARKING_KINDS:
                finding = finding.model_copy(update={"kind": "goroutine_leak"})
            elif parked and finding.kind == "lock_contention":
                finding = finding.model_copy(
                    update={"explanation": finding.explanation + GOROUTINE_LOCK_NOTE}
                )
            findings.append(finding)
            continue
        cause = cause_entry(function, family)
        context = hot_context(code)
        if cause is not None and pattern is None:
            entry, share = cause
            finding = entry_finding(function, entry, share, cost, family, code_refs, evidence)
            if context is not None:
                finding = finding.model_copy(
                    update={"explanation": finding.explanation + context.sentence}
                )
            findings.append(finding)
            continue
        findings.append(
            line_finding(
                table,
                pairs,
                function.name,
                rows,
                pattern,
                line_of,
                flat,
                cost,
                library,
                strongest,
                fallback,
                retention,
                parked,
                memory,
                nesting,
                heaviest,
                function.own_pct,
                context,
            )
        )
    # One construct reached from two functions (a caller keeping what both allocate) is one
    # finding, cited once.
    unique = {f.title: f for f in reversed(findings)}
    return merge_same_cause([f for f in findings if unique[f.title] is f])


def line_finding(
    table: TopTable,
    pairs: list[tuple[TopRow, SourceMatch | None]],
    function: str,
    rows: list[tuple[TopRow, SourceMatch]],
    pattern: CodePattern | None,
    line_of: SourceMatch | None,
    flat: float,
    cost: str,
    library: list[Finding],
    strongest: Finding | None,
    fallback: ProblemKind,
    retention: bool,
    parked: bool,
    memory: bool,
    nesting: Nesting | None,
    heaviest: dict[str, TopRow],
    own_pct: float,
    context: Context | None = None,
) -> Finding:
    """Return the finding for a function explained by its hot line's text or its library work."""
    cited = rows[:3]
    row, match = cited[0]
    where = f"{match.repo_path}:{match.line}"
    cum = max(max(r.cum_pct for r, _ in rows), flat)
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
        recommendation = pattern.fix_for(line_of.language)
        what = pattern.what.split(":")[0]
        if kind == "retained_memory":
            explanation += (
                " In an in-use profile this is memory still held when the profile was taken."
            )
            recommendation = KIND_ADVICE["retained_memory"]
        if parked and kind in PARKING_KINDS:
            # A goroutine profile counts goroutines, not time: a wait here is not slow,
            # it is goroutines that have not finished when the profile was taken.
            kind = "goroutine_leak"
            explanation += (
                " In a goroutine profile these are goroutines parked on this line when the "
                "profile was taken: if nobody ever completes the other side (a receiver "
                "that gave up after a timeout, a channel never closed), they never exit "
                "and their number grows - a leak."
            )
            recommendation = GOROUTINE_LEAK_FIX
        elif parked and kind == "lock_contention":
            explanation += GOROUTINE_LOCK_NOTE
    else:
        inner = library_kind_inside(heaviest[function], library, nesting, table)
        if (
            inner is None
            and nesting is None
            and strongest is not None
            and impact(strongest) >= cum / 2
        ):
            # Without the stacks' word, the strongest library kind explains a function
            # only when it is big enough to be where the function's time goes: 8% of
            # runtime.lock says nothing about a function costing 99%.
            inner = strongest.kind
        kind = inner if inner is not None and flat < cum / 2 else fallback
        explanation = f"{cost}; the hottest line is {where}: `{focus_text(match).strip()}`."
        recommendation = KIND_ADVICE[kind]
        if context is not None and context.fix is not None and kind == fallback:
            # Repetition is what the structure shows: the advice is what repetition calls for.
            recommendation = context.fix
        what = ""
    if context is not None:
        explanation += context.sentence
    code_refs = [f"{m.repo_path}:{m.line}" for _, m in cited]
    inlined = inlined_callee(row, match, pairs) if memory else None
    if inlined is not None:
        callee, callee_ref = inlined
        explanation += (
            f" The line calls `{parse_frame(callee).short}`, inlined there by the compiler: "
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
            f"released by line {match.line}: others wait while the code between runs."
        )
        code_refs.append(f"{match.repo_path}:{number}")
    return Finding(
        title=f"{frame_of(row).short} at {where}",
        kind=kind,
        explanation=explanation,
        recommendation=recommendation,
        evidence=[evidence_of(r, m) for r, m in cited],
        code_refs=code_refs,
        weight_pct=round(own_pct, 2) if own_pct else None,
        what=what,
    )
