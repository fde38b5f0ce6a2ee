"""The report's hot-function table: which rows it lists, in which order, and what each one is.

pprof's ``-cum`` order puts ``main``, the load loop and every caller layer first; the report
leads instead with the checkout's code the time ends in, then its callers on the hot path, then
pprof's rows. Each row keeps its pprof rank.
"""

from __future__ import annotations

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.patterns import explain_line, focus_text
from profile_insights.agent.code.frame_names import frame_of
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.table import TopRow, TopTable
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.report.models import HotFunction

_KIND_WORDS = {
    "stdlib": "standard library",
    "runtime": "language runtime",
    "third_party": "third-party dependency",
    "native": "native code (no source file)",
    "profiler": "the profiler's own frames",
    "unknown": "not found in this checkout",
}

_ENTRY_NAMES = frozenset({"main", "<module>", "<main>", "<top (required)>"})

#: A function of the checkout leads the table when at least this % of the total ends in it
#: (entry code, which is on every stack, only when it does this much work itself).
MIN_OWN_PCT = 1.0
MIN_ENTRY_OWN_PCT = 10.0


def describe_row(row: TopRow, match: SourceMatch | None) -> str:
    """Return one line on what a row's function is or does."""
    entry = knowledge.lookup(row.function or row.name, row.file)
    if entry is not None:
        return entry.title
    if match is not None and match.kind == "in_repo":
        pattern = explain_line(focus_text(match))
        return pattern.what.split(":")[0] if pattern else "code of this repository"
    return _KIND_WORDS.get(match.kind if match is not None else "unknown", "")


def _is_entry(row: TopRow) -> bool:
    # Program entry and set-up code (Go's package main, a Python script's top level, Ruby's
    # main script) is on every stack; a service's work is in its packages.
    frame = frame_of(row)
    return frame.package == "main" or frame.display in _ENTRY_NAMES


def report_order(
    rows: list[TopRow],
    attribution: dict[int, float],
    in_repo: set[int],
    limit: int,
    cited: list[tuple[str, int | None]] | None = None,
    lines: dict[int, int | None] | None = None,
) -> list[TopRow]:
    """Return the rows the report lists, most relevant first.

    ``lines`` gives a row's line by rank when it is not the row's own (one the frame's name
    carries, or the function's definition, for a profile without line numbers).

    0. The lines the findings are about (``cited``: function and line, in the findings'
       order), so the table leads with the code the summary and the first finding name.
    1. Functions of the checkout by the share of the total that ends in them (each sample
       counts for the innermost line of the checkout on its stack), each with its heaviest
       line: the code doing the work, or calling the library work below it.
    2. The checkout's other lines outside program entry code, in pprof's ``-cum`` order: the
       callers on the hot path (a function calling a cheap helper far too often).
    3. Everything else in pprof's order. Without lines of the checkout this is pprof's order.
    """
    own: dict[str, tuple[float, TopRow]] = {}
    for row in rows:
        share = attribution.get(row.rank, 0.0)
        if row.rank not in in_repo or share <= 0:
            continue
        name = row.function or row.name
        total, best = own.get(name, (0.0, row))
        if share > attribution.get(best.rank, 0.0):
            best = row
        own[name] = (total + share, best)
    first: list[TopRow] = []
    for function, line in cited or []:
        found = next(
            (
                r
                for r in rows
                if r.rank in in_repo
                and (r.function or r.name) == function
                and (lines or {}).get(r.rank, r.line) == line
            ),
            None,
        ) or next(
            # The line cited is one the profile has no row for (a Node.js function's body,
            # below the only line its profile records): the function's own row stands for it.
            (r for r in rows if r.rank in in_repo and (r.function or r.name) == function),
            None,
        )
        if found is not None and found not in first:
            first.append(found)
    leading = first + [
        best
        for total, best in sorted(own.values(), key=lambda item: (-item[0], item[1].rank))
        if total >= (MIN_ENTRY_OWN_PCT if _is_entry(best) else MIN_OWN_PCT)
        and (best.function or best.name) not in {r.function or r.name for r in first}
    ]
    shown = {row.rank for row in leading}
    callers = [r for r in rows if r.rank in in_repo and r.rank not in shown and not _is_entry(r)]
    shown |= {row.rank for row in callers}
    rest = [row for row in rows if row.rank not in shown]
    return (leading + callers + rest)[:limit]


def hot_functions(
    table: TopTable,
    matches: list[SourceMatch],
    attribution: dict[int, float],
    limit: int,
    cited: list[tuple[str, int | None]] | None = None,
) -> list[HotFunction]:
    """Return the report's hot-function rows (see :func:`report_order`)."""
    rows = table.rows
    unit = table.sample_unit
    match_of = dict(zip((row.rank for row in rows), matches, strict=False))
    repo_ranks = {rank for rank, match in match_of.items() if match.kind == "in_repo"}
    line_of = {rank: match_of[rank].line for rank in repo_ranks}
    hot = []
    ordered = report_order(rows, attribution, repo_ranks, limit, cited, line_of)
    for position, row in enumerate(ordered, start=1):
        match = match_of.get(row.rank)
        in_repo = match is not None and match.kind == "in_repo"
        hot.append(
            HotFunction(
                rank=position,
                pprof_rank=row.rank,
                function=row.function or row.name,
                name=match.name if match is not None and match.name else frame_of(row).display,
                file=match.repo_path if in_repo and match is not None else row.file,
                line=line_of.get(row.rank, row.line),
                in_repo=in_repo,
                kind=match.kind if match is not None else "unknown",
                flat=row.flat,
                flat_pct=row.flat_pct,
                cum=row.cum,
                cum_pct=row.cum_pct,
                own_pct=attribution.get(row.rank) if in_repo else None,
                flat_text=scaled_label(row.flat, unit, "auto"),
                cum_text=scaled_label(row.cum, unit, "auto"),
                what=describe_row(row, match),
            )
        )
    return hot
