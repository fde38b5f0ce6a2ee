"""The deterministic analyst: table + knowledge base + code windows -> findings, with no model.

It always runs, so a report never depends on a chat model. It says two kinds of things: what
known library and runtime frames mean (from the knowledge base, e.g. ``runtime.mallocgc`` =
allocation pressure), and what the hottest in-repo lines do (from the code actually read, e.g. a
string built with ``+=`` in a loop). Every finding cites the rows it comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from profile_insights.agent.analysis.advice import (
    KIND_LABELS,
    LIBRARY_THRESHOLD_PCT,
    impact,
    problem_kind,
)
from profile_insights.agent.analysis.callpaths import PASS_THROUGH_SHARE
from profile_insights.agent.analysis.code_findings import FactsOf
from profile_insights.agent.analysis.consequences import attach_consequences
from profile_insights.agent.analysis.knowledge import profile_family
from profile_insights.agent.analysis.models import Finding, ProblemKind, evidence_of
from profile_insights.agent.analysis.patterns import pattern_kinds
from profile_insights.agent.analysis.repo_findings import repo_findings
from profile_insights.agent.code.frame_names import frame_of
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.ownership import Ownership
from profile_insights.agent.profiles.table import TopRow, TopTable


class KnowledgeEntry(Protocol):
    """What the knowledge base says about a frame (see ``agent.analysis.knowledge``)."""

    @property
    def id(self) -> str:
        """Return the entry's id (``go-fmt``)."""
        ...

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

#: Rows a library finding never cites: the checkout's code has its own findings, and the
#: profiler's frames are measurement, never the program's problem.
_NOT_LIBRARY = ("in_repo", "profiler")


def _library_findings(
    table: TopTable,
    pairs: list[tuple[TopRow, SourceMatch | None]],
    lookup: Lookup,
    nesting: Nesting | None = None,
) -> list[Finding]:
    known: list[tuple[TopRow, KnowledgeEntry, ProblemKind]] = []
    matched = {row.rank: match for row, match in pairs}
    for row, match in pairs:
        if match is not None and match.kind in _NOT_LIBRARY:
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
    checkout = [row.rank for row, match in pairs if match is not None and match.kind == "in_repo"]
    findings = []
    for kind, rows in grouped.items():
        rows.sort(key=lambda item: (-item[0].cum_pct, -item[0].flat_pct))
        flat = sum(row.flat_pct for row, _ in rows)
        if kind == "io_wait":
            # Waiting is time in the waiting frames themselves (a syscall, an idle event loop);
            # the cum of a server loop such as serve_forever is the whole program's work.
            rows.sort(key=lambda item: (-item[0].flat_pct, -item[0].cum_pct))
        top_row, entry = rows[0]
        own = max(_outside_checkout(row, checkout, nesting) for row, _ in rows)
        weight = flat if kind == "io_wait" else max(own, flat)
        if weight < LIBRARY_THRESHOLD_PCT:
            continue
        cited = rows[:3]
        names = ", ".join(f"`{frame_of(row).display}`" for row, _ in cited)
        findings.append(
            Finding(
                title=f"{KIND_LABELS[kind]}: {frame_of(top_row).display}"
                + (
                    f" ({flat:.1f}% self)"
                    if kind == "io_wait"
                    else f" ({top_row.cum_pct:.1f}% cum)"
                ),
                kind=kind,
                explanation=f"{names} account for up to {weight:.1f}% of the "
                f"{table.sample_type} total. {entry.meaning}",
                recommendation=entry.remedy,
                evidence=[evidence_of(row, matched.get(row.rank)) for row, _ in cited],
                # Ordered by what the frames cost besides the checkout's code they call.
                weight_pct=round(weight, 2) if weight < top_row.cum_pct else None,
            )
        )
    return findings


def _outside_checkout(row: TopRow, checkout: list[int], nesting: Nesting | None) -> float:
    """Return the part of a library row's cum that is not the checkout's code running inside it.

    A tracing middleware or a framework's dispatcher wraps every request: its cum is the
    handlers' own work, which their findings explain; only the rest is the library's cost.
    """
    if nesting is None or not checkout:
        return row.cum_pct
    inside = max(nesting.inside(row.rank, rank) for rank in checkout)
    return row.cum_pct * (1.0 - min(inside, 1.0))


#: Kinds any library work ends in (it allocates): never where another call's work goes.
_GENERIC_KINDS = ("allocation_pressure", "gc_pressure")


def pass_through_labels(
    pairs: list[tuple[TopRow, SourceMatch | None]], lookup: Lookup, nesting: Nesting | None
) -> dict[str, str]:
    """Return knowledge-base ids whose heaviest row only passes its work on to another entry.

    ``fmt.Fprintf`` into a gzip writer spends its time compressing: with no self cost of its
    own and almost all of its value inside ``compress/gzip``'s row, the code calling it is
    charged with compression, not formatting.
    """
    if nesting is None:
        return {}
    labelled = [
        (row, entry)
        for row, match in pairs
        if (match is None or match.kind not in _NOT_LIBRARY)
        and (entry := lookup(row.function or row.name, row.file)) is not None
    ]
    redirect: dict[str, str] = {}
    seen: set[str] = set()
    for row, entry in labelled:
        if entry.id in seen:
            continue
        seen.add(entry.id)
        if row.flat_pct >= 1.0:
            continue
        inner = [
            (other, other_entry)
            for other, other_entry in labelled
            if other_entry.kind != entry.kind
            and other_entry.kind not in _GENERIC_KINDS
            and nesting.inside(row.rank, other.rank) >= PASS_THROUGH_SHARE
        ]
        if inner:
            redirect[entry.id] = max(inner, key=lambda item: item[0].cum_pct)[1].id
    return redirect


def analyse(
    table: TopTable,
    matches: list[SourceMatch],
    lookup: Lookup,
    *,
    max_code_findings: int = 4,
    nesting: Nesting | None = None,
    ownership: Ownership | None = None,
    facts_of: FactsOf | None = None,
    family: str | None = None,
) -> list[Finding]:
    """Return findings for a table, ordered by expected impact (biggest first).

    ``nesting`` (which rows run inside which, from the profile's stacks) sharpens the
    attribution: callers that only pass through, and the library work under a code line.

    ``matches`` are the source matches of the table's rows, in row order (missing ones are
    treated as unknown frames). ``ownership`` (who owns each sample, over the whole profile)
    decides which of the checkout's functions lead; ``facts_of`` reads a function's syntax for
    the recognisers; ``family`` is what the profile measures (default: from the sample type).
    """
    pairs: list[tuple[TopRow, SourceMatch | None]] = [
        (row, matches[index] if index < len(matches) else None)
        for index, row in enumerate(table.rows)
    ]
    library = _library_findings(table, pairs, lookup, nesting)
    code = repo_findings(
        table,
        pairs,
        library,
        max_code_findings,
        nesting,
        ownership,
        facts_of,
        family or profile_family(table.sample_type),
        pass_through_labels(pairs, lookup, nesting),
    )
    code, library = attach_consequences(code, library, table.rows, nesting)
    findings = code + library
    findings.sort(key=impact, reverse=True)
    return findings
