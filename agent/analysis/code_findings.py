"""Findings about the checkout's own code: which functions own the cost, and why each is hot.

A function of the checkout leads when it *owns* the most of the profile (each sample is blamed
on the innermost line of the checkout on its stack, ``agent/profiles/ownership.py``): the code
doing the work or calling the library work below it, never a caller that only passes the time
on. Why it is hot is explained, most specific first, by

1. a construct recognised in its syntax (``recognisers``): a linear search, a per-call compile,
   a deep copy, a timer per iteration...;
2. the library call the profile shows under its hot lines (the knowledge base entry of the
   frame nearest below them: ``copy.deepcopy``, ``crypto.scryptSync``);
3. a pattern on the hot line's text (``patterns``), for files no grammar reads;
4. the kind of the library work inside it, or what the profile type measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from profile_insights.agent.analysis.constructs import Construct, HotCode, best_construct
from profile_insights.agent.analysis.knowledge import KnowledgeEntry, entry_by_id
from profile_insights.agent.analysis.models import Evidence, Finding, ProblemKind
from profile_insights.agent.analysis.recognisers import RECOGNISERS
from profile_insights.agent.code.facts import FunctionFacts
from profile_insights.agent.code.frame_names import frame_of
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.ownership import Ownership
from profile_insights.agent.profiles.table import TopRow

FactsOf = Callable[[str, int, str], FunctionFacts | None]
"""``(repo path, line, frame name) -> facts`` of the function holding that checkout line."""

#: A function of the checkout is explained when it owns at least this % of the total.
MIN_OWN_PCT = 1.0


@dataclass
class HotFunction:
    """One function of the checkout, its rows (lines) and what it owns."""

    name: str
    rows: list[tuple[TopRow, SourceMatch]]
    own_pct: float
    causes: dict[str, float]

    @property
    def top(self) -> tuple[TopRow, SourceMatch]:
        """Return its heaviest line (by what it owns, then its own cost)."""
        return self.rows[0]


def hot_functions(
    pairs: list[tuple[TopRow, SourceMatch]],
    ownership: Ownership | None,
    redirect: dict[str, str] | None = None,
) -> list[HotFunction]:
    """Group the checkout's rows by function, heaviest owner first (flat and cum break ties).

    ``redirect`` maps a knowledge-base id to the one whose work it passes on to (``fmt``
    writing into a gzip writer is compression): the cause a function's lines are charged with.
    """
    grouped: dict[str, list[tuple[TopRow, SourceMatch]]] = {}
    for row, match in pairs:
        grouped.setdefault(row.function or row.name, []).append((row, match))
    functions = []
    for name, rows in grouped.items():
        owned = {
            row.rank: line
            for row, _ in rows
            if ownership is not None
            and (line := ownership.of(row.function or row.name, row.file, row.line)) is not None
        }
        rows.sort(
            key=lambda item: (
                -(owned[item[0].rank].own_pct if item[0].rank in owned else 0.0),
                -item[0].flat_pct,
                -item[0].cum_pct,
            )
        )
        causes: dict[str, float] = {}
        for line in {(ln.function, ln.file, ln.line): ln for ln in owned.values()}.values():
            for key, share in line.cause_pct.items():
                key = (redirect or {}).get(key, key)
                causes[key] = causes.get(key, 0.0) + share
        # Rows of one line (pprof's -lines rows differ by address or inlining) own it once.
        distinct = {(ln.function, ln.file, ln.line): ln for ln in owned.values()}
        own = sum(line.own_pct for line in distinct.values())
        functions.append(HotFunction(name, rows, own, causes))
    return sorted(
        functions,
        key=lambda f: (
            -f.own_pct,
            -sum(row.flat_pct for row, _ in f.rows),
            -max(row.cum_pct for row, _ in f.rows),
        ),
    )


def hot_code(function: HotFunction, family: str, facts_of: FactsOf | None) -> HotCode | None:
    """Return what the recognisers read about a hot function (None without its syntax)."""
    _, match = function.top
    # The match's line: the row's, else the one the frame's name carries (Rust) or the
    # function's definition (.NET, which records no lines).
    if facts_of is None or not match.repo_path or match.line is None:
        return None
    facts = facts_of(match.repo_path, match.line, function.name)
    if facts is None:
        return None
    lines = tuple(dict.fromkeys(m.line for _, m in function.rows if m.line is not None))
    # Node.js profiles give every sample of a function its first line only: the work is
    # somewhere in the body, so every statement of it counts.
    header_only = set(lines) <= {facts.start_line}
    weights: dict[int, float] = {}
    for r, m in function.rows:
        if m.line is not None:
            weights[m.line] = max(weights.get(m.line, 0.0), r.cum_pct)
    called = locked_work(facts)
    return HotCode(facts, lines, family, header_only, dict(function.causes), weights, called)


def locked_work(facts: FunctionFacts) -> tuple[tuple[int, str, Construct], ...]:
    """Return the checkout's functions called under a lock whose bodies a recogniser explains.

    Each body is read whole (as a CPU profile of it would be): the lock's profile records the
    wait, never the callee's frames.
    """
    return tuple(
        (line, name, construct)
        for line, name, callee in facts.locked_callees
        if not _writes_own_state(callee)
        and (construct := construct_of(HotCode(callee, (callee.start_line,), "cpu", True)))
    )


def _writes_own_state(facts: FunctionFacts) -> bool:
    """Return whether a method assigns its receiver's fields: it is the guarded update itself."""
    own = tuple(f"{name}." for name in (facts.receiver, "self", "this") if name)
    return any(u.target.startswith(own) for u in facts.updates)


def construct_of(code: HotCode | None) -> Construct | None:
    """Return the construct that explains the hot code, if a recogniser names one."""
    return best_construct(code, RECOGNISERS) if code is not None else None


def cause_entry(function: HotFunction, family: str) -> tuple[KnowledgeEntry, float] | None:
    """Return the library call that carries most of the function's cost, when it does.

    The call must carry at least half of what the function owns and be a cost the profile type
    can show (a sort is no allocation-profile finding).
    """
    if not function.causes or function.own_pct <= 0:
        return None
    key, share = max(function.causes.items(), key=lambda item: item[1])
    entry = entry_by_id(key)
    if entry is None or share < 0.5 * function.own_pct:
        return None
    if family != "other" and family not in entry.profile_types:
        return None
    return entry, share


def adapt_kind(kind: ProblemKind, family: str) -> ProblemKind:
    """Return the kind as the profile type measures it (an in-use heap shows what is held)."""
    if family == "inuse" and kind in ("allocation_pressure", "cpu_hotspot"):
        return "retained_memory"
    if family == "alloc" and kind in ("cpu_hotspot", "compression", "serialization"):
        # What an allocation profile measures is the allocation: a codec's or an encoder's
        # buffers, made on every call.
        return "allocation_pressure"
    return kind


def construct_finding(
    function: HotFunction,
    construct: Construct,
    cost: str,
    family: str,
    code_refs: list[str],
    evidence: list[Evidence],
) -> Finding:
    """Return the finding for a function whose cost a recognised construct explains."""
    kind = adapt_kind(construct.kind, family)
    ref = f"{function.top[1].repo_path}:{construct.line}"
    refs = list(dict.fromkeys([ref, *code_refs]))
    through = max((r.cum_pct for r, m in function.rows if m.line == construct.line), default=0.0)
    if family == "inuse" and kind == "retained_memory":
        # What the function keeps is all it allocates and stores, wherever it was allocated.
        through = max(r.cum_pct for r, _ in function.rows)
    weight = max(function.own_pct, through)
    return Finding(
        title=f"{construct.title} in {frame_of(function.top[0]).short} at {ref}",
        kind=kind,
        explanation=f"{cost}; it {construct.what}.",
        recommendation=construct.fix,
        evidence=evidence,
        code_refs=refs,
        weight_pct=round(weight, 2) if weight else None,
        what=construct.gist,
    )


def entry_finding(
    function: HotFunction,
    entry: KnowledgeEntry,
    share: float,
    cost: str,
    family: str,
    code_refs: list[str],
    evidence: list[Evidence],
) -> Finding:
    """Return the finding for a function whose cost is one library call under its hot lines."""
    row, match = function.top
    where = f"{match.repo_path}:{match.line}"
    return Finding(
        title=f"{entry.title} in {frame_of(row).short} at {where}",
        kind=adapt_kind(entry.kind, family),
        explanation=(
            f"{cost}; {share:.1f}% of the total is library work called from {where} "
            f"(`{entry.id}`): {entry.meaning}"
        ),
        recommendation=entry.remedy,
        evidence=evidence,
        code_refs=code_refs,
        weight_pct=round(function.own_pct, 2) if function.own_pct else None,
        what="spends it in " + entry.title[0].lower() + entry.title[1:] + ", on every call",
    )


def merge_same_cause(findings: list[Finding]) -> list[Finding]:
    """Return the findings with those naming one cause at one line merged into one.

    A callback and the function around it (``exportRows`` and the arrow it passes to
    ``reduce``; V8 charges the work to either) are one problem at one line: one finding, with
    both functions' weight and evidence, titled by the named one.
    """
    merged: dict[tuple[str, str, str], Finding] = {}
    for finding in findings:
        if not finding.code_refs or not finding.what:
            merged[(finding.title, "", "")] = finding
            continue
        key = (finding.code_refs[0], finding.what, finding.recommendation)
        kept = merged.get(key)
        if kept is None:
            merged[key] = finding
            continue
        named, other = (
            (finding, kept)
            if "(anonymous)" in kept.title and "(anonymous)" not in finding.title
            else (kept, finding)
        )
        evidence = {(e.function, e.file, e.line): e for e in named.evidence + other.evidence}
        # Two findings citing one function (a callee kept by its caller, cited with it) count
        # its share once; a callback and its function, each cited alone, own theirs apart.
        shared = {e.function for e in kept.evidence} & {e.function for e in finding.evidence}
        weights = (kept.weight_pct or 0.0, finding.weight_pct or 0.0)
        weight = max(weights) if shared else sum(weights)
        merged[key] = named.model_copy(
            update={
                "weight_pct": round(weight, 2) if weight else None,
                "evidence": list(evidence.values()),
                "code_refs": list(dict.fromkeys(named.code_refs + other.code_refs)),
            }
        )
    return list(merged.values())
