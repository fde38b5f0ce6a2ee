"""What changed in the checkout between two refs: the commits, the hunks, and where lines moved.

A comparison of two deploys names the commits between their refs that touched the files of the
functions that grew (``git log BASE..NEW -- FILE``), shows the diff hunk of a grown function, and
matches a line of the new ref to the same line at the old one (through the diff, so a line that
only moved down is not taken for a new one). Git runs as an argument list with a timeout
(:func:`~profile_insights.agent.code.gitref.run_git`); a ref the checkout does not have is
reported as such, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel

from profile_insights.agent.code.gitref import run_git

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
#: Most lines of one hunk shown in a report.
MAX_HUNK_LINES = 40


class Commit(BaseModel):
    """A commit between the two refs that touched the files of interest."""

    hash: str
    subject: str
    files: list[str]


class Hunk(BaseModel):
    """One diff hunk of a file between the refs (unified diff text, cut to a size)."""

    path: str
    new_start: int
    new_lines: int
    text: str


def resolve_ref(repo: Path, ref: str) -> str | None:
    """Return the full commit hash a ref (or a hash prefix) names in the checkout, or None."""
    if not ref.strip() or ref.startswith("-"):
        return None
    done = run_git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    commit = done.stdout.strip()
    return commit if done.ok and commit else None


def commits_between(repo: Path, base: str, new: str, paths: Sequence[str]) -> list[Commit]:
    """Return the commits in ``base..new`` that touched any of ``paths``, newest first."""
    if not paths:
        return []
    done = run_git(
        repo,
        "log",
        "--no-decorate",
        "--format=%x00%H%x09%s",
        "--name-only",
        f"{base}..{new}",
        "--",
        *paths,
    )
    if not done.ok:
        return []
    commits = []
    for record in done.stdout.split("\x00")[1:]:
        head, _, names = record.partition("\n")
        commit, _, subject = head.partition("\t")
        files = [name for name in names.splitlines() if name.strip()]
        commits.append(Commit(hash=commit, subject=subject, files=files))
    return commits


def _diff(repo: Path, base: str, new: str, path: str, context: int) -> str:
    done = run_git(repo, "diff", f"-U{context}", "--no-color", base, new, "--", path)
    return done.stdout if done.ok else ""


def line_mapper(repo: Path, base: str, new: str, path: str) -> Callable[[int], int | None]:
    """Return a function from a line at ``new`` to the same line at ``base`` (None if added)."""
    hunks = []
    for line in _diff(repo, base, new, path, 0).splitlines():
        found = _HUNK.match(line)
        if found:
            hunks.append((int(found[2] or 1), int(found[3]), int(found[4] or 1)))

    def baseline_line(line: int) -> int | None:
        shift = 0
        for old_count, new_start, new_count in hunks:
            # With -U0 a pure deletion is "+N,0": the old lines went after new line N.
            first = new_start if new_count else new_start + 1
            if new_count and first <= line < first + new_count:
                return None  # a line the change added or rewrote
            if line < first:
                break
            shift += old_count - new_count
        return line + shift

    return baseline_line


def function_hunks(
    repo: Path, base: str, new: str, path: str, first_line: int, last_line: int
) -> list[Hunk]:
    """Return the hunks of ``path`` between the refs that touch lines first..last at ``new``."""
    found: list[Hunk] = []
    current: list[str] = []
    start = count = 0
    for line in [*_diff(repo, base, new, path, 3).splitlines(), "@@ -0 +0 @@"]:
        header = _HUNK.match(line)
        if header is None:
            if current:
                current.append(line)
            continue
        if current and start <= last_line and start + count - 1 >= first_line:
            text = "\n".join(current[: MAX_HUNK_LINES + 1])
            if len(current) > MAX_HUNK_LINES + 1:
                text += "\n..."
            found.append(Hunk(path=path, new_start=start, new_lines=count, text=text))
        start, count = int(header[3]), int(header[4] or 1)
        current = [line]
    return found
