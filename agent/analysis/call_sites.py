"""When a function's cost is set by how it is called: one call per element from a loop above.

The innermost function of the checkout owns the samples (``_get`` waiting on its socket), but
what makes it costly may be its caller: a loop calling it once per cart line, each call a
round trip. The caller owns nothing itself, so the analyst passes it by as a path to the work;
this module reads the callers that the function runs inside, innermost first, with the cost
that flows through them (the function's own causes), and names the call-site construct.
"""

from __future__ import annotations

import re
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
from profile_insights.agent.analysis.models import Evidence, Finding, evidence_of
from profile_insights.agent.analysis.recognisers_calls import n_plus_one
from profile_insights.agent.code.frame_names import frame_of
from profile_insights.agent.profiles.nesting import Nesting

#: Copying a piece out of a buffer, per grammar: the fix for a kept piece pinning it.
COPY_IDIOM = {
    "go": "bytes.Clone(piece), append([]byte(nil), piece...) or string(piece)",
    "javascript": "Buffer.from(piece) (buf.subarray() and buf.slice() share the buffer's memory)",
    "typescript": "Buffer.from(piece) (buf.subarray() and buf.slice() share the buffer's memory)",
    "python": "bytes(piece) (a memoryview or a numpy slice keeps the whole buffer)",
}
_GROW = ("append", "push", "add", "set", "put", "Store", "insert", "setdefault", "extend")
#: A value that copies what it is made from, or is a number: it pins no buffer.
_COPY = re.compile(
    r"(string|len|cap|int\d*|uint\d*|float\d*|str|bytes|bytearray|Number|parseInt|"
    r"parseFloat|String|bytes\.Clone|strings\.Clone|slices\.Clone|copy|hash\w*|crc32\.\w+|"
    r"Buffer\.from|structuredClone|strconv\.\w+)\(|append\(\[\]byte\(nil\)|.*\.(String|"
    r"toString|copy|clone|dup|decode|hex|hexdigest)\(\)$"
)


def _mentions(text: str, names: set[str]) -> str | None:
    """Return the first of ``names`` that ``text`` uses as a word, if any."""
    for name in sorted(names):
        if re.search(rf"(?<![\w.$]){re.escape(name)}(?![\w$])", text):
            return name
    return None


def _received(code: HotCode) -> set[str]:
    """Return the names the hot lines bind: what the caller received from the callee."""
    return {n for b in code.facts.bindings if code.is_hot(b.line) for n in b.names} - {"err"}


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
        source = _mentions(binding.value, received | set(derived))
        if source is not None and not code.is_hot(binding.line):
            for name in binding.names:
                derived.setdefault(name, binding.value)
    # A copy or a number taken from the buffer (string(b), len(b), bytes.Clone(b)) keeps
    # nothing of it alive.
    pieces = {n for n, value in derived.items() if not _COPY.match(value.strip())}
    pieces -= received | {"err"}
    keeps = [
        (u.line, u.target, kept)
        for u in facts.updates
        if facts.outlives_call(u.target) and (kept := _mentions(u.value, pieces)) is not None
    ] + [
        (c.line, c.receiver, kept)
        for c in facts.calls
        if c.name in _GROW
        and c.receiver
        and facts.outlives_call(c.receiver)
        and (kept := _mentions(c.arguments, pieces)) is not None
    ]
    if not keeps:
        return None
    line, container, piece = min(keeps)
    copy = COPY_IDIOM.get(code.language, "a copy of just those bytes")
    return Construct(
        "retained-piece",
        "retained_memory",
        line,
        f"A piece of each buffer kept in {short(container, 30)}",
        f"keeps `{piece}`, taken with `{short(derived[piece], 40)}` from what it received, "
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
        and (name := _mentions(c.arguments, received)) is not None
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
        f"whose closure captures `{name}`, what it received: the registry keeps every "
        f"closure and each closure keeps its `{name}` (and all it holds) alive, and nothing "
        "ever unregisters it",
        f"Unregister the callback when the work is done (keep the handle the registration "
        f"returns and cancel or remove it in a defer/finally), or capture only what the "
        f"callback needs ({name}.ID, not {name}) so the rest can be freed; better, register "
        "one callback that walks the set of requests in flight.",
        9,
    )


#: The constructs that are about how a function is called, not about what it does.
CALL_SITE_RECOGNISERS: tuple[Recogniser, ...] = (
    n_plus_one,
    retained_by_callback,
    retained_piece,
)
#: Share of the function's value that must run inside the caller's line.
MIN_UNDER = 0.5


@dataclass(frozen=True)
class CallSite:
    """The caller whose construct explains a function's cost, and the rows it calls through."""

    caller: HotFunction
    construct: Construct


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
    inner = [row.rank for row, _ in function.rows]
    found: list[tuple[float, CallSite]] = []
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
        # The caller's lines carry the function's cost: what runs under them is its causes.
        code = hot_code(HotFunction(caller.name, through, 0.0, function.causes), family, facts_of)
        construct = best_construct(code, CALL_SITE_RECOGNISERS) if code is not None else None
        if construct is not None:
            # The nearest caller runs the least besides the function: the smallest value.
            found.append((min(row.cum_pct for row, _ in through), CallSite(caller, construct)))
    return min(found, key=lambda item: item[0])[1] if found else None


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
