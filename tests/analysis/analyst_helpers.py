"""Rows and source matches built by hand for the analyst's tests."""

from __future__ import annotations

from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.profiles.table import TopRow


def in_repo_match(row: TopRow, text: str) -> SourceMatch:
    window = CodeWindow(
        path=row.file or "", start_line=row.line or 1, focus_line=row.line or 1, lines=[text]
    )
    return SourceMatch(
        function=row.function or row.name,
        profile_file=row.file,
        line=row.line,
        kind="in_repo",
        language="go",
        repo_path=row.file,
        window=window,
    )


def library_match(row: TopRow, kind: str = "stdlib") -> SourceMatch:
    return SourceMatch(
        function=row.function or row.name,
        profile_file=row.file,
        line=row.line,
        kind=kind,
        language="python" if (row.file or "").endswith(".py") else "go",
    )
