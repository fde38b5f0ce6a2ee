"""Score that a report claims nothing it cannot back: every cited file:line is in the checkout.

A report passes when each code reference of its findings and each in-repo hot function names a
file of the checkout with that line, and the snippets it shows were read from there.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from profile_insights.evals.scores import Score, report_rows


def _read_windows(report: Mapping[str, Any]) -> dict[str, list[tuple[int, int]]]:
    windows: dict[str, list[tuple[int, int]]] = {}
    for finding in report.get("findings") or []:
        for snippet in finding.get("snippets") or []:
            count = len(str(snippet.get("text", "")).splitlines())
            start = int(snippet["start_line"])
            windows.setdefault(str(snippet["path"]), []).append((start, start + count - 1))
    return windows


def _line_count(repo: Path, relative: str) -> int | None:
    root = repo.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return len(path.read_text(encoding="utf-8", errors="replace").splitlines())


def _split_ref(ref: str) -> tuple[str, int | None]:
    path, _, line = ref.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return ref, None


def score_grounded(report: Mapping[str, Any], repo: Path) -> Score:
    """Pass when every cited in-repo file:line exists in the checkout and code claims were read.

    Evidence rows marked in the repo must name an existing file and line; every ``code_refs``
    entry must exist too and fall inside a code window the report shows (i.e. was read).
    """
    problems: list[str] = []
    windows = _read_windows(report)
    in_repo_files = {row.get("file") for row in report_rows(report) if row.get("in_repo")}
    checked = 0
    for finding in report.get("findings") or []:
        cited: list[tuple[str, int | None, bool]] = []
        for evidence in finding.get("evidence") or []:
            file = evidence.get("file")
            if file and file in in_repo_files:
                cited.append((str(file), evidence.get("line"), False))
        for ref in finding.get("code_refs") or []:
            path, line = _split_ref(str(ref))
            cited.append((path, line, True))
        for path, line, must_be_read in cited:
            checked += 1
            count = _line_count(repo, path)
            if count is None:
                problems.append(f"{path} is not a file of the repo")
            elif line is not None and not 1 <= line <= count:
                problems.append(f"{path}:{line} is past the end ({count} lines)")
            elif (
                must_be_read
                and line is not None
                and not any(start <= line <= end for start, end in windows.get(path, []))
            ):
                problems.append(f"{path}:{line} was not read")
    return Score(
        name="grounded",
        passed=not problems,
        value=checked,
        detail="; ".join(problems[:3]) or f"{checked} citations checked",
    )
