"""The grounding verifier: keep only findings whose every citation is something we actually have.

A finding must cite rows of the top table (matched by function, and by file and line when it
gives them), and every ``file:line`` it names must fall inside a code window that was read.
Anything else is dropped and counted, whatever wrote it (the deterministic analyst or a model).
Percentages are re-read from the table rather than trusted, and an estimated saving is capped
at the largest cum% among the cited rows: a change cannot save more than that row costs.
"""

from __future__ import annotations

from pydantic import BaseModel

from profile_insights.agent.analysis.models import Evidence, Finding, evidence_of
from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.profiles.table import TopRow, TopTable


class Verified(BaseModel):
    """The findings kept and how many claims were dropped."""

    findings: list[Finding]
    dropped_claims: int
    reasons: list[str]


def _same_file(cited: str | None, row_file: str | None, repo_path: str | None) -> bool:
    if cited is None:
        return True
    cited = cited.strip()
    candidates = [name for name in (row_file, repo_path) if name]
    return any(
        cited == name or name.endswith("/" + cited) or cited.endswith("/" + name)
        for name in candidates
    )


def _find_row(
    evidence: Evidence, rows: list[tuple[TopRow, SourceMatch | None]]
) -> tuple[TopRow, SourceMatch | None] | None:
    for row, match in rows:
        if evidence.function not in (row.function, row.name):
            continue
        repo_path = match.repo_path if match is not None else None
        if not _same_file(evidence.file, row.file, repo_path):
            continue
        if evidence.line is not None and row.line is not None and evidence.line != row.line:
            continue
        return row, match
    return None


def parse_code_ref(ref: str) -> tuple[str, int] | None:
    """Split ``path:line`` into its parts, or return None when it is not one."""
    path, _, line = ref.strip().rpartition(":")
    if not path or not line.isdigit():
        return None
    return path, int(line)


def was_read(ref: str, windows: list[CodeWindow]) -> bool:
    """Return True when ``path:line`` lies inside one of the windows read."""
    parsed = parse_code_ref(ref)
    if parsed is None:
        return False
    path, line = parsed
    return any(
        window.path == path and window.start_line <= line <= window.end_line for window in windows
    )


def verify(findings: list[Finding], table: TopTable, matches: list[SourceMatch]) -> Verified:
    """Return the grounded findings, with evidence re-read from the table and savings capped."""
    rows: list[tuple[TopRow, SourceMatch | None]] = [
        (row, matches[index] if index < len(matches) else None)
        for index, row in enumerate(table.rows)
    ]
    windows = [match.window for match in matches if match.window is not None]
    kept: list[Finding] = []
    reasons: list[str] = []
    for finding in findings:
        grounded: list[Evidence] = []
        problem = ""
        for item in finding.evidence:
            found = _find_row(item, rows)
            if found is None:
                problem = (
                    f"cites {item.function} {item.file or ''}:{item.line or ''}, "
                    "not a row of the table"
                )
                break
            row, match = found
            evidence = evidence_of(row, match).model_copy(update={"function": item.function})
            if evidence.in_repo and (match is None or match.window is None):
                # A file of the checkout, but the cited line was not read there (past the
                # end of the file, or unreadable): it cannot be claimed as the checkout's.
                evidence = evidence.model_copy(update={"in_repo": False})
            grounded.append(evidence)
        if not problem:
            unread = [ref for ref in finding.code_refs if not was_read(ref, windows)]
            if unread:
                problem = f"cites {', '.join(unread)}, which was never read"
        if problem:
            reasons.append(f"dropped {finding.title!r}: {problem}")
            continue
        cap = max(item.cum_pct for item in grounded)
        saving = finding.estimated_saving_pct
        if saving is not None:
            saving = max(0.0, min(saving, cap))
        kept.append(
            finding.model_copy(update={"evidence": grounded, "estimated_saving_pct": saving})
        )
    return Verified(findings=kept, dropped_claims=len(findings) - len(kept), reasons=reasons)
