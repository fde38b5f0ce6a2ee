"""Call-path reasoning for the analyst: which code does the work and which only passes it on.

A flat ``-lines -top -cum`` table cannot tell a caller from its callee, nor a load loop from
the function it drives. These helpers answer with the stacks (``agent.profiles.nesting``) where
the graph measured them, and with what the table alone can prove where it did not.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.models import Finding, ProblemKind
from profile_insights.agent.analysis.patterns import (
    CODE_PATTERNS,
    CodePattern,
    explain_line,
    focus_text,
)
from profile_insights.agent.code.frame_names import frame_of
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.table import TopRow, TopTable

#: Share of a row's value that must run inside another row for it to count as a path only.
PASS_THROUGH_SHARE = 0.9


def heavy_line_pattern(
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


def lock_taken_above(match: SourceMatch) -> tuple[int, str] | None:
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


def forwards(rows: list[tuple[TopRow, SourceMatch]]) -> bool:
    """Return whether every hot line of a function is a one-line definition (a wrapper)."""
    texts = [focus_text(match).split("//", 1)[0].strip() for _, match in rows]
    return all(text.startswith("func ") and text.endswith("}") for text in texts)


def passes_through(
    function: str,
    heaviest: dict[str, TopRow],
    nesting: Nesting | None = None,
    rows: dict[str, list[TopRow]] | None = None,
) -> bool:
    """Return whether another in-repo function carries most of ``function``'s cost.

    With the call stacks (``nesting``): 90% of the function's top row runs inside another
    in-repo function (inside its top row, or inside any of its ``rows``: a callee whose time
    is spread over four lines holds each share, and their sum). From the table alone: when the
    other function's cum ``g`` is below this one's ``c`` (so it is not a caller) and
    ``c + g - 100`` (their least overlap) is at least 90% of ``c``, almost every sample of
    this function runs inside the other one.
    """
    row = heaviest[function]
    if nesting is not None:
        return any(
            other != function
            and sum(
                nesting.inside(row.rank, line.rank) for line in (rows or {}).get(other, [inner])
            )
            >= PASS_THROUGH_SHARE
            for other, inner in heaviest.items()
        )
    c = row.cum_pct
    return any(
        other != function and g.cum_pct < c and c + g.cum_pct - 100.0 >= 0.9 * c
        for other, g in heaviest.items()
    )


_Rows = list[tuple[TopRow, SourceMatch]]


def innermost_function(candidates: list[tuple[str, _Rows]], nesting: Nesting | None) -> str:
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
    pool = [item for item in on_path if not forwards(item[1])] or on_path
    return min(pool, key=depth)[0]


def inlined_callee(
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
        short = frame_of(other).name
        if short.isidentifier() and re.search(rf"\b{re.escape(short)}\(", code):
            return name, f"{other_match.repo_path}:{other.line}"
    return None


def library_kind_inside(
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
