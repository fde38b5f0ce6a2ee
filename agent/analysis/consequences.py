"""Library findings that another finding's code causes: folded in, or told as its consequence.

A library finding says what a runtime or library frame means (``runtime.growslice``:
allocation pressure). When most of that frame's time runs inside a function of the checkout
that a code finding already explains, the library finding is not a second problem:

- of the same kind (``regexp.Compile`` under a function compiling a regexp on every call), it
  is the same problem seen from below, so its rows join that finding's evidence;
- of another kind (``runtime.growslice`` under the same function), it is a consequence, and it
  says so, pointing at the code that causes it and ranking after it.
"""

from __future__ import annotations

from profile_insights.agent.analysis.models import Evidence, Finding
from profile_insights.agent.code.frame_names import parse_frame
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.table import TopRow

#: Share of a library row's value inside one finding's code that makes it that code's doing.
CAUSED_SHARE = 0.5
#: Evidence rows a finding keeps, its own first.
MAX_EVIDENCE = 5


def _rank_of(item: Evidence, rows: list[TopRow]) -> int | None:
    # Evidence names a checkout file by its repository path, the row by the profile's path.
    for row in rows:
        if (row.function or row.name, row.line) != (item.function, item.line):
            continue
        if item.file is None or row.file is None or row.file.endswith(item.file):
            return row.rank
    return None


def _cause_of(
    library: Finding, code: list[Finding], rows: list[TopRow], nesting: Nesting
) -> tuple[Finding, float] | None:
    """Return the code finding most of ``library``'s first row runs inside, and that share."""
    inner = _rank_of(library.evidence[0], rows)
    if inner is None:
        return None
    best: tuple[Finding, float] | None = None
    for finding in code:
        outer = [
            rank
            for item in finding.evidence
            if item.in_repo and (rank := _rank_of(item, rows)) is not None
        ]
        share = max((nesting.share_under(rank, inner) for rank in outer), default=0.0)
        if share >= CAUSED_SHARE and (best is None or share > best[1]):
            best = (finding, share)
    return best


def attach_consequences(
    code: list[Finding], library: list[Finding], rows: list[TopRow], nesting: Nesting | None
) -> tuple[list[Finding], list[Finding]]:
    """Return the code and library findings once each library finding knows its cause.

    Args:
        code: Findings about the checkout's functions (their in-repo evidence names them).
        library: Findings about library and runtime frames, heaviest first.
        rows: The top table's rows (evidence is matched to them by function, file and line).
        nesting: Which rows run inside which; without it nothing changes.
    """
    if nesting is None or not code:
        return code, library
    merged = {id(finding): finding for finding in code}
    kept: list[Finding] = []
    for finding in library:
        found = _cause_of(finding, code, rows, nesting)
        if found is None:
            kept.append(finding)
            continue
        cause, share = found
        current = merged[id(cause)]
        if finding.kind == cause.kind:
            known = {(e.function, e.file, e.line) for e in current.evidence}
            extra = [e for e in finding.evidence if (e.function, e.file, e.line) not in known]
            evidence = (current.evidence + extra)[: max(MAX_EVIDENCE, len(current.evidence))]
            merged[id(cause)] = current.model_copy(update={"evidence": evidence})
            continue
        owner = next(e for e in cause.evidence if e.in_repo)
        where = f"{owner.file}:{owner.line}" if owner.line is not None else owner.file
        top = finding.evidence[0]
        residual = top.cum_pct * (1.0 - share)
        part = "all" if share >= 0.995 else "most"
        kept.append(
            finding.model_copy(
                update={
                    "title": f"{finding.title}, {share:.0%} of it inside "
                    f"{parse_frame(owner.function, owner.file).short}",
                    "explanation": f"{finding.explanation} {share:.0%} of `{top.name}` "
                    f"runs inside `{owner.name}` ({where}), which the finding "
                    f'"{cause.title}" explains: {part} of it is a consequence of that code.',
                    "recommendation": f'Fix "{cause.title}" first, which removes {part} of '
                    f"this; then: {finding.recommendation}",
                    "code_refs": list(dict.fromkeys([*finding.code_refs, *cause.code_refs[:1]])),
                    "weight_pct": round(residual, 2),
                }
            )
        )
    return [merged[id(finding)] for finding in code], kept
