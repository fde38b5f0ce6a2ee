"""The deterministic analyst: table + knowledge base + code windows -> findings, with no model.

It always runs, so a report never depends on a chat model. It says two kinds of things: what
known library and runtime frames mean (from the knowledge base, e.g. ``runtime.mallocgc`` =
allocation pressure), and what the hottest in-repo lines do (from the code actually read, e.g. a
string built with ``+=`` in a loop). Every finding cites the rows it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast, get_args

from profile_insights.agent.analysis.models import Evidence, Finding, ProblemKind
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


@dataclass(frozen=True)
class CodePattern:
    """A pattern on a hot source line and what it usually means."""

    regex: re.Pattern[str]
    kind: ProblemKind
    what: str
    fix: str


# Checked in order on the hot line itself; the first that matches explains it.
CODE_PATTERNS: tuple[CodePattern, ...] = (
    CodePattern(
        re.compile(r"\b\w+(\.\w+)*\s*\+=\s*.*(\"|'|\+)"),
        "allocation_pressure",
        "builds a string with `+=` in a loop: every step copies the whole string so far "
        "(quadratic bytes allocated)",
        "Build the result once with strings.Builder (Go, with Grow) or ''.join(parts) "
        "(Python) / StringBuilder (Java) instead of repeated concatenation.",
    ),
    CodePattern(
        re.compile(r"json\.(Unmarshal|Marshal|NewDecoder|NewEncoder|loads|dumps|load|dump)\b"),
        "serialization",
        "encodes or decodes JSON on the hot path",
        "Avoid the JSON round trip per request: decode into a typed struct once, cache the "
        "encoded document, or patch only the fields that change instead of going through "
        "map[string]interface{}.",
    ),
    CodePattern(
        re.compile(r"(regexp\.(MustCompile|Compile)|re\.compile|Pattern\.compile)\("),
        "cpu_hotspot",
        "compiles a regular expression on every call",
        "Compile the expression once (a package-level variable) and reuse it.",
    ),
    CodePattern(
        re.compile(
            r"\btemplate\.(Must|New)\(.*\.Parse|\btemplate\.Parse(Files|Glob|FS)\("
            r"|\b\w*(tmpl|tpl|[Tt]emplate)\w*\.Parse(Files|Glob|FS)?\("
        ),
        "cpu_hotspot",
        "parses a template on every call",
        "Parse the template once (a package-level template.Must(...)) and only Execute it "
        "per call.",
    ),
    CodePattern(
        re.compile(
            r"\bsort\.(Slice|SliceStable|Sort|Stable|Strings|Ints|Float64s)\(|\bslices\.Sort"
            r"|\bsorted\(|\.sort\(|\b(Collections|Arrays)\.sort\("
        ),
        "cpu_hotspot",
        "sorts the whole collection on every call (n log n comparisons each time)",
        "Keep the data sorted as it changes (insert in place, or a sorted index), sort once "
        "and reuse the order, or use a heap / partial selection when only the top entries "
        "or one rank are needed.",
    ),
    CodePattern(
        re.compile(r"\b(sha1|sha256|sha512|md5|crc32|crc64|fnv|hmac|blake2b)\.\w+\(|hashlib\."),
        "cpu_hotspot",
        "hashes the data on every call (the cost grows with every byte hashed)",
        "Compute the digest once, when the data is written or changes, and keep it beside "
        "the data; or hash less (a version counter or the size and modification time).",
    ),
    CodePattern(
        re.compile(r"\brand\.(NewSource|Seed)\("),
        "cpu_hotspot",
        "creates and seeds a random source on every call (seeding fills a 607-word state)",
        "Create the source once (per goroutine, or shared behind a lock) and reuse it, or use "
        "the package-level rand functions.",
    ),
    CodePattern(
        re.compile(r"\b(debug\.(Stack|PrintStack)|runtime\.(Stack|Callers))\("),
        "cpu_hotspot",
        "captures the call stack on every call",
        "Capture stacks only where they are read (panics, rare errors), or keep raw program "
        "counters (runtime.Callers) and symbolise them lazily.",
    ),
    CodePattern(
        re.compile(r"fmt\.Sprint|strconv\.|String\.format|f\""),
        "allocation_pressure",
        "formats strings on the hot path, allocating each time",
        "Format once and reuse, or append into a reused buffer (strconv.Append*).",
    ),
    CodePattern(
        re.compile(r"\.(R)?Lock\(\)|with\s+\w*lock"),
        "lock_contention",
        "takes a lock that other goroutines/threads wait for",
        "Hold the lock for less time (move work outside it), shard the protected data, or "
        "use a sync.RWMutex / atomic values for read-mostly data.",
    ),
    CodePattern(
        re.compile(r"<-|\bchan\b|\.get\(\)|\.put\("),
        "channel_blocking",
        "sends to or receives from a channel/queue and waits for the other side",
        "Buffer the channel, add consumers, or stop blocking on it in the request path.",
    ),
    CodePattern(
        re.compile(r"gzip|flate|zlib|zstd|snappy"),
        "compression",
        "compresses or decompresses data",
        "Use a faster compression level, compress once and cache, or skip small payloads.",
    ),
    CodePattern(
        re.compile(r"\bappend\(|\bmake\(|\bnew\(|\[\]byte\(|\bstring\("),
        "allocation_pressure",
        "allocates on every pass",
        "Preallocate with the final size (make(T, 0, n)), reuse buffers (sync.Pool), or "
        "avoid the conversion.",
    ),
)

_TYPE_DEFAULT_KIND: dict[str, ProblemKind] = {
    "cpu": "cpu_hotspot",
    "alloc_space": "allocation_pressure",
    "alloc_objects": "allocation_pressure",
    "inuse_space": "retained_memory",
    "inuse_objects": "retained_memory",
    "goroutine": "goroutine_leak",
    "goroutines": "goroutine_leak",
}

#: Share of a row's value that must run inside another row for it to count as a path only.
PASS_THROUGH_SHARE = 0.9

#: Sample types that measure waiting (Go/Java mutex and block delay or counts, .NET locks).
_WAITING_SAMPLES = ("delay", "contentions", "lock_time", "lock_count")


def pattern_kinds(sample_type: str) -> frozenset[str]:
    """Return the kinds of code pattern a profile of this sample type can show.

    A mutex or block profile measures waiting, so "formats a string here" says nothing about
    it; an in-use heap shows what is held; a CPU or wall profile shows work of every kind.
    """
    if sample_type in _WAITING_SAMPLES:
        return frozenset({"lock_contention", "channel_blocking", "io_wait"})
    if sample_type.startswith("goroutine"):
        return frozenset({"goroutine_leak", "channel_blocking", "lock_contention", "io_wait"})
    if sample_type.startswith("inuse") or sample_type == "live":
        return frozenset({"retained_memory", "allocation_pressure"})
    if sample_type.startswith("alloc"):
        return frozenset({"allocation_pressure", "serialization", "compression"})
    return frozenset(get_args(ProblemKind)) - {"retained_memory", "goroutine_leak"}


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


def evidence_of(row: TopRow, match: SourceMatch | None = None) -> Evidence:
    """Return the evidence entry for a row (repo-relative file when it is in the repo)."""
    file = match.repo_path if match is not None and match.repo_path else row.file
    return Evidence(
        function=row.function or row.name,
        file=file,
        line=row.line,
        flat_pct=row.flat_pct,
        cum_pct=row.cum_pct,
    )


def focus_text(match: SourceMatch) -> str:
    """Return the source line the row points at, or an empty string."""
    window = match.window
    if window is None:
        return ""
    index = window.focus_line - window.start_line
    return window.lines[index] if 0 <= index < len(window.lines) else ""


def explain_line(text: str, kinds: frozenset[str] | None = None) -> CodePattern | None:
    """Return the first code pattern (of ``kinds``, when given) that matches a source line."""
    code = text.split("//", 1)[0].strip()
    for pattern in CODE_PATTERNS:
        if (kinds is None or pattern.kind in kinds) and pattern.regex.search(code):
            return pattern
    return None


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
    grouped: dict[ProblemKind, list[tuple[TopRow, KnowledgeEntry]]] = {}
    for row, entry, kind in known:
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
        top_row, entry = rows[0]
        weight = max(top_row.cum_pct, sum(row.flat_pct for row, _ in rows))
        if weight < LIBRARY_THRESHOLD_PCT:
            continue
        cited = rows[:3]
        names = ", ".join(f"`{row.function or row.name}`" for row, _ in cited)
        findings.append(
            Finding(
                title=f"{KIND_LABELS[kind]}: {top_row.function or top_row.name}"
                f" ({top_row.cum_pct:.1f}% cum)",
                kind=kind,
                explanation=f"{names} account for up to {weight:.1f}% of the "
                f"{table.sample_type} total. {entry.meaning}",
                recommendation=entry.remedy,
                evidence=[evidence_of(row) for row, _ in cited],
            )
        )
    return findings


def _heavy_line_pattern(
    rows: list[tuple[TopRow, SourceMatch]], kinds: frozenset[str]
) -> tuple[CodePattern | None, SourceMatch | None]:
    """Return the first pattern of ``kinds`` among a function's heaviest lines, and its line.

    A pattern names the problem only on a line that carries at least half the cost of the
    function's costliest line: a make() run once per call does not explain a hot inner loop.
    """
    top = rows[:3]
    costliest = max(max(row.flat_pct, row.cum_pct) for row, _ in top)
    for row, match in top:
        if max(row.flat_pct, row.cum_pct) < 0.5 * costliest:
            continue
        pattern = explain_line(focus_text(match), kinds)
        if pattern is not None:
            return pattern, match
    return None, None


_LOCK_PATTERN = next(p for p in CODE_PATTERNS if p.kind == "lock_contention")
# Where a lock is taken: also through a small helper (``t.lock()``), not only ``mu.Lock()``.
_LOCK_TAKEN = re.compile(_LOCK_PATTERN.regex.pattern, re.IGNORECASE)


def _lock_taken_above(match: SourceMatch) -> tuple[int, str] | None:
    """Return the line (number, text) above the hot line where its function takes a lock."""
    window = match.window
    if window is None:
        return None
    for number in range(window.focus_line, window.start_line - 1, -1):
        text = window.lines[number - window.start_line]
        code = text.split("//", 1)[0].strip()
        if code.startswith(("func ", "def ")):
            return None  # the start of the function: no lock taken in it
        if number < window.focus_line and _LOCK_TAKEN.search(code):
            return number, text
    return None


def _forwards(rows: list[tuple[TopRow, SourceMatch]]) -> bool:
    """Return whether every hot line of a function is a one-line definition (a wrapper)."""
    texts = [focus_text(match).split("//", 1)[0].strip() for _, match in rows]
    return all(text.startswith("func ") and text.endswith("}") for text in texts)


def _passes_through(
    function: str, heaviest: dict[str, TopRow], nesting: Nesting | None = None
) -> bool:
    """Return whether another in-repo function carries most of ``function``'s cost.

    With the call stacks (``nesting``): 90% of the function's top row runs inside another
    in-repo function's top row. From the table alone: when the other function's cum ``g`` is
    below this one's ``c`` (so it is not a caller) and ``c + g - 100`` (their least overlap) is
    at least 90% of ``c``, almost every sample of this function runs inside the other one.
    """
    row = heaviest[function]
    if nesting is not None:
        return any(
            other != function and nesting.inside(row.rank, inner.rank) >= PASS_THROUGH_SHARE
            for other, inner in heaviest.items()
        )
    c = row.cum_pct
    return any(
        other != function and g.cum_pct < c and c + g.cum_pct - 100.0 >= 0.9 * c
        for other, g in heaviest.items()
    )


_Rows = list[tuple[TopRow, SourceMatch]]


def _innermost(candidates: list[tuple[str, _Rows]], nesting: Nesting | None) -> str:
    """Return the deepest in-repo frame on the hot path.

    With the stacks: the function the other candidates run inside; else the smallest cum.
    A function's cost may be spread over several lines (six small writes of a record, each a
    sixth of it): a caller runs inside the function when it runs inside its lines together.
    """

    def top(rows: _Rows) -> TopRow:
        return max((row for row, _ in rows), key=lambda row: row.cum_pct)

    def total(rows: _Rows) -> float:
        # One frame sits at one line per stack, so the cum of a function's lines add up
        # (capped for recursion, where a stack holds the function twice).
        return min(100.0, sum(row.cum_pct for row, _ in rows))

    def runs_inside(outer: _Rows, inner: _Rows) -> bool:
        assert nesting is not None
        if sum(nesting.inside(top(outer).rank, row.rank) for row, _ in inner) >= 0.5:
            return True
        if any(nesting.inside(i.rank, o.rank) > 0 for i, _ in inner for o, _ in outer):
            return False  # the stacks put ``outer`` below ``inner``
        # The stacks keep only shares of 50% and more, so a caller spread over several lines
        # of its callee is not among them; the table bounds the overlap: two functions on
        # c and g percent of the samples share at least c + g - 100 of them.
        c, g = total(inner), total(outer)
        return c <= g and c + g - 100.0 >= 0.5 * g

    def depth(item: tuple[str, _Rows]) -> tuple[int, float]:
        containing = 0
        if nesting is not None:
            containing = sum(
                1 for name, rows in candidates if name != item[0] and runs_inside(rows, item[1])
            )
        return (-containing, top(item[1]).cum_pct)

    on_path = candidates
    if nesting is not None:
        # Only the heaviest path counts: main's wg.Wait() (11%) has one caller above it, as
        # Submit's select (89%) has, and the smaller cum would win the tie; it is not where
        # the submitters block.
        root = max(candidates, key=lambda item: top(item[1]).cum_pct)
        on_path = [item for item in candidates if item is root or runs_inside(root[1], item[1])]
    # A one-line wrapper (func (t *T) unlock() { t.mu.Unlock() }) only forwards the call: the
    # code to look at is its caller's.
    pool = [item for item in on_path if not _forwards(item[1])] or on_path
    return min(pool, key=depth)[0]


def _inlined_callee(
    row: TopRow, match: SourceMatch, pairs: list[tuple[TopRow, SourceMatch | None]]
) -> tuple[str, str] | None:
    """Return the in-repo function (and its row's file:line) inlined into a hot call line.

    A heap profile can charge an inlined function's allocation to the line that calls it
    (Go 1.19 keeps no inline frame for it at that allocation), so a caller line such as
    ``journal.Record("ann", payload)`` shows the cost itself. Only a line that costs most of
    its cum by itself, and calls by name a function of this repository that pprof marks
    ``(inline)``, qualifies.
    """
    if row.flat_pct < 1.0 or row.flat_pct < 0.5 * row.cum_pct:
        return None
    code = focus_text(match).split("//", 1)[0]
    own = row.function or row.name
    for other, other_match in pairs:
        name = other.function or other.name
        if not other.inline or other_match is None or other_match.kind != "in_repo":
            continue
        if name == own:
            continue
        short = name.rsplit("/", 1)[-1].rsplit(".", 1)[-1]
        if short.isidentifier() and re.search(rf"\b{re.escape(short)}\(", code):
            return name, f"{other_match.repo_path}:{other.line}"
    return None


def _library_kind_inside(
    row: TopRow, library: list[Finding], nesting: Nesting | None, table: TopTable
) -> ProblemKind | None:
    """Return the kind of the library work that runs most inside ``row`` (with the stacks)."""
    if nesting is None:
        return None
    ranks = {(r.function or r.name, r.line): r.rank for r in table.rows}
    best: tuple[float, ProblemKind] | None = None
    for finding in library:
        for item in finding.evidence:
            rank = ranks.get((item.function, item.line))
            share = nesting.inside(row.rank, rank) if rank is not None else 0.0
            weight = share * item.cum_pct
            if share >= 0.5 and (best is None or weight > best[0]):
                best = (weight, finding.kind)
    return best[1] if best else None


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
        pattern, pattern_line = _heavy_line_pattern(rows, kinds)
        if pattern is not None and flat < 1.0 and _passes_through(function, heaviest, nesting):
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
        deepest = _innermost([(item[0], item[1]) for item in explained_functions], nesting)
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
            inner = _library_kind_inside(heaviest[function], library, nesting, table)
            if inner is None and strongest is not None and impact(strongest) >= cum / 2:
                # Without the stacks' word, the strongest library kind explains a function
                # only when it is big enough to be where the function's time goes: 8% of
                # runtime.lock says nothing about a function costing 99%.
                inner = strongest.kind
            kind = inner if inner is not None and flat < cum / 2 else fallback
            explanation = f"{cost}; the hottest line is {where}: `{focus_text(match).strip()}`."
            recommendation = _KIND_ADVICE[kind]
        code_refs = [f"{m.repo_path}:{r.line}" for r, m in cited]
        inlined = _inlined_callee(row, match, pairs) if memory else None
        if inlined is not None:
            callee, callee_ref = inlined
            explanation += (
                f" The line calls `{callee.rsplit('/', 1)[-1]}`, inlined there by the compiler: "
                f"the heap profile counts its allocations on this line; look at it "
                f"({callee_ref})."
            )
            code_refs.append(callee_ref)
        taken = _lock_taken_above(match) if kind == "lock_contention" and not pattern else None
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


def summarise(
    table: TopTable,
    matches: list[SourceMatch],
    findings: list[Finding],
    *,
    service: str,
    type_label: str,
    window: str,
) -> str:
    """Return a two-to-three sentence answer: where the cost goes, why, and the main lever."""
    parts = [f"{service}'s {type_label} profile over {window} ({table.sample_count} samples)."]
    in_repo = [
        (row, match)
        for row, match in zip(table.rows, matches, strict=False)
        if match.kind == "in_repo"
    ]
    located = next((f for f in findings if f.code_refs), None)
    if located is not None:
        cited = located.evidence[0]
        ref = located.code_refs[0]
        share = max(cited.cum_pct, sum(e.flat_pct for e in located.evidence))
        what = next(
            (
                pattern.what.split(":")[0]
                for match in matches
                if match.repo_path and ref == f"{match.repo_path}:{match.line}"
                for pattern in [explain_line(focus_text(match))]
                if pattern is not None
            ),
            None,
        )
        parts.append(
            f"{share:.1f}% of it goes through `{cited.function}` at {ref}"
            + (f", which {what}." if what else ".")
        )
    elif in_repo:
        row, match = in_repo[0]
        parts.append(
            f"The heaviest code of this repository is `{row.function}` at "
            f"{match.repo_path}:{row.line} ({row.cum_pct:.1f}% with its callees)."
        )
    else:
        parts.append("No row of the top table maps to a file of this checkout.")
    if findings:
        parts.append(f"Main lever: {findings[0].recommendation}")
    return " ".join(parts)
