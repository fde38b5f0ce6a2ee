"""When a function's cost is set by how it is called: one call per element from a loop above.

The innermost function of the checkout owns the samples (``_get`` waiting on its socket), but
what makes it costly may be its caller: a loop calling it once per cart line, each call a
round trip. The caller owns nothing itself, so the analyst passes it by as a path to the work;
this module reads the callers that the function runs inside, innermost first, with the cost
that flows through them (the function's own causes), and names the call-site construct.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from profile_insights.agent.analysis.code_findings import (
    FactsOf,
    HotFunction,
    adapt_kind,
    hot_code,
)
from profile_insights.agent.analysis.constructs import (
    Construct,
    HotCode,
    Recogniser,
    best_construct,
    short,
)
from profile_insights.agent.analysis.context import repetition
from profile_insights.agent.analysis.models import Evidence, Finding, evidence_of
from profile_insights.agent.analysis.recognisers_calls import n_plus_one
from profile_insights.agent.analysis.recognisers_kept import (
    cancel_skipped,
    kept_value,
    marked_not_removed,
    retained_by_callback,
    retained_piece,
    trim_discarded,
    truncated_kept,
)
from profile_insights.agent.analysis.recognisers_keys import key_never_repeats
from profile_insights.agent.analysis.recognisers_queues import advanced_queue
from profile_insights.agent.analysis.recognisers_scope import kept_exception
from profile_insights.agent.code.frame_names import frame_of, parse_frame
from profile_insights.agent.profiles.nesting import Nesting

#: The constructs that are about how a function is called, not about what it does.
CALL_SITE_RECOGNISERS: tuple[Recogniser, ...] = (
    n_plus_one,
    advanced_queue,
    kept_exception,
    cancel_skipped,
    key_never_repeats,
    marked_not_removed,
    trim_discarded,
    truncated_kept,
    retained_by_callback,
    retained_piece,
    kept_value,
)
#: Share of the function's value that must run inside the caller's line.
MIN_UNDER = 0.5


@dataclass(frozen=True)
class CallSite:
    """The caller whose construct explains a function's cost, and the rows it calls through."""

    caller: HotFunction
    construct: Construct


def _calling_code(
    function: HotFunction,
    nesting: Nesting,
    family: str,
    facts_of: FactsOf,
    callers: list[HotFunction],
) -> list[tuple[float, HotFunction, HotCode]]:
    """Return each caller running ``function``, as code whose hot lines are its calling lines.

    A caller's rows that carry at least :data:`MIN_UNDER` of the function's value are its
    calling lines, with the function's causes under them; a caller known only by its first
    line (Node.js) calls the function where it names it. The float is the least value through
    those lines: the nearest caller runs the least besides the function.
    """
    inner = [row.rank for row, _ in function.rows]
    found = []
    for caller in callers:
        if caller.name == function.name:
            continue
        through = [
            (row, match)
            for row, match in caller.rows
            if max(nesting.share_under(row.rank, rank) for rank in inner) >= MIN_UNDER
        ]
        if not through:
            continue
        code = hot_code(HotFunction(caller.name, through, 0.0, function.causes), family, facts_of)
        if code is not None and code.header_only:
            code = _calling_lines(code, parse_frame(function.name).name)
        if code is not None:
            found.append((min(row.cum_pct for row, _ in through), caller, code))
    return found


def call_site(
    function: HotFunction,
    callers: list[HotFunction],
    nesting: Nesting | None,
    family: str,
    facts_of: FactsOf | None,
) -> CallSite | None:
    """Return the nearest caller of ``function`` whose call site explains its cost, if any."""
    if nesting is None or facts_of is None:
        return None
    found = [
        (value, CallSite(caller, construct))
        for value, caller, code in _calling_code(function, nesting, family, facts_of, callers)
        if (construct := best_construct(code, CALL_SITE_RECOGNISERS)) is not None
    ]
    return min(found, key=lambda item: item[0])[1] if found else None


@dataclass(frozen=True)
class CallerLoop:
    """How often a caller's loop calls a function, and what that calls for (a search: pick)."""

    sentence: str
    fix: str | None


#: What a loop trying each element until one matches calls for.
PICK_DIRECTLY = (
    "Pick the element directly instead of trying each in turn: key the collection by an "
    "identifier the input carries (a key id in a token's header, a version or type tag, a "
    "prefix) and make one call; without one, try the most likely element first."
)


def caller_loop(
    function: HotFunction,
    callers: list[HotFunction],
    nesting: Nesting | None,
    family: str,
    facts_of: FactsOf | None,
) -> CallerLoop | None:
    """Return how often the nearest caller calling ``function`` from a loop calls it, if one does.

    A function doing something costly once per call is costly as often as it is called: a
    caller's loop over the batch makes that once per element, and a loop trying each element
    until one matches (a search) makes every miss a full call.
    """
    if nesting is None or facts_of is None:
        return None
    found: list[tuple[float, CallerLoop]] = []
    for value, _, code in _calling_code(function, nesting, family, facts_of, callers):
        loops = code.facts.loops_around(code.lines[0]) if code.lines else []
        if not loops:
            continue
        name, at = short(code.facts.name, 40), code.ref(code.lines[0])
        if loops[0].compares_and_exits and loops[0].collection:
            over = short(loops[0].collection, 40)
            item = CallerLoop(
                f" `{name}` calls it for each element of `{over}` until one matches ({at}): a "
                "search, so every miss costs a full call, and an input matching the last "
                "element (or none) pays for all of them.",
                PICK_DIRECTLY,
            )
        else:
            item = CallerLoop(f" `{name}` calls it {repetition(loops)} ({at}).", None)
        found.append((value, item))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _calling_lines(code: HotCode, name: str) -> HotCode | None:
    """Return a header-only caller's code with the lines calling ``name`` as its hot lines."""
    lines = tuple(dict.fromkeys(c.line for c in code.facts.calls if c.name == name))
    if not lines:
        return None
    weight = max(code.weights.values(), default=0.0)
    return dataclasses.replace(
        code, lines=lines, header_only=False, weights=dict.fromkeys(lines, weight)
    )


def call_site_finding(
    function: HotFunction,
    site: CallSite,
    cost: str,
    family: str,
    code_refs: list[str],
    evidence: list[Evidence],
) -> Finding:
    """Return the finding for a function whose cost its caller's call site explains.

    It leads with the caller's line (where the change is made) and keeps the function's own
    rows as evidence after it.
    """
    construct = site.construct
    row, match = next(
        ((r, m) for r, m in site.caller.rows if m.line == construct.line), site.caller.top
    )
    ref = f"{match.repo_path}:{construct.line}"
    caller = frame_of(row).short
    return Finding(
        title=f"{construct.title} in {caller} at {ref}",
        kind=adapt_kind(construct.kind, family),
        explanation=(
            f"{cost}; what makes it costly is how it is called: `{caller}` {construct.what}."
        ),
        recommendation=construct.fix,
        evidence=[evidence_of(row, match), *evidence],
        code_refs=list(dict.fromkeys([ref, *code_refs])),
        weight_pct=round(function.own_pct, 2) if function.own_pct else None,
        what=construct.gist,
    )
