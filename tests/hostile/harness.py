"""The hostile corpus's rules: what a case states the user sees, and how every case is checked.

A case names its way in, the exit code (for the command line), and two patterns: the problem
the message must name and the next step it must give. Whatever the way in, the runner checks the
same things: no traceback anywhere, the message is one paragraph that names the problem and
what to do, and nothing outside the case's temporary directories changed (the checkout, the
reference data, our names in the system temp directory).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO_ROOT, SHARED

#: Ways in the corpus covers; every case names one (the closing figures count them).
WAYS = (
    "cli ask",
    "cli resume",
    "cli top",
    "cli map",
    "cli serve",
    "cli record",
    "cli recording add",
    "cli eval",
    "cli mcp",
    "python api",
    "langchain tool",
    "mcp stdio",
    "replay http",
    "http source",
)
#: Longest message the corpus accepts as "one paragraph" (hostile inputs must be shortened).
MAX_MESSAGE = 1200
_SKIPPED_DIRS = {
    ".venv",
    "build",
    "__pycache__",
    ".git",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    "test-artifacts",
}
_OUR_TEMP_PREFIXES = ("profile-insights",)
#: The test session's own cache directories (tests/conftest.py), written by every test.
_SESSION_TEMP_PREFIXES = ("profile-insights-test-cache-",)


@dataclass(frozen=True)
class Expect:
    """What the user sees: the exit code (command line) and what the message must say."""

    problem: str
    """Regular expression that the message must match: it names the problem."""
    next_step: str
    """Regular expression for the next step the message gives."""
    exit_code: int | None = 1
    """The command's exit code (None where there is none: API, tool, protocol answers)."""
    forbidden: tuple[str, ...] = ()
    """Text that must appear nowhere the user or a file sees (a secret, an outside file)."""


@dataclass(frozen=True)
class Seen:
    """What a run showed: exit code, the streams, and the user-facing message."""

    exit_code: int | None
    stdout: str
    stderr: str
    message: str


@dataclass
class Footprint:
    """Sizes and times of everything a case must leave alone, to compare before and after."""

    entries: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def take(cls) -> Footprint:
        """Record the checkout, the reference data and our names in the system temp dir."""
        footprint = cls()
        for root in (REPO_ROOT, SHARED):
            for path in _walk(root):
                footprint._add(path)
        temp = Path(tempfile.gettempdir())
        for entry in temp.iterdir():
            if entry.name.startswith(_OUR_TEMP_PREFIXES) and not entry.name.startswith(
                _SESSION_TEMP_PREFIXES
            ):
                footprint._add(entry)
        return footprint

    def _add(self, path: Path) -> None:
        try:
            stat = path.lstat()
        except OSError:
            return
        self.entries[str(path)] = (stat.st_size, stat.st_mtime_ns)

    def changes_since(self, before: Footprint) -> list[str]:
        """Return the paths added, removed or modified since ``before``."""
        old, new = before.entries, self.entries
        added = [f"added {p}" for p in new.keys() - old.keys()]
        removed = [f"removed {p}" for p in old.keys() - new.keys()]
        changed = [f"changed {p}" for p in old.keys() & new.keys() if old[p] != new[p]]
        return sorted(added + removed + changed)


def _walk(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if d not in _SKIPPED_DIRS]
        for name in files:
            yield Path(directory) / name


def user_message(stderr: str) -> str:
    """Return the error paragraph of a command's stderr (from its last ``error:`` line on)."""
    lines = stderr.rstrip().splitlines()
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].lower().startswith("error:"):
            return "\n".join(lines[index:]).strip()
    return stderr.strip()


def check(seen: Seen, expect: Expect, *, case: str) -> None:
    """Assert what every hostile case promises the user (see the module docstring)."""
    where = f"case {case}"
    for name, text in (("stdout", seen.stdout), ("stderr", seen.stderr), ("message", seen.message)):
        assert "Traceback (most recent call last)" not in text, f"{where}: traceback on {name}"
    if expect.exit_code is not None:
        assert seen.exit_code == expect.exit_code, (
            f"{where}: exit code {seen.exit_code}, expected {expect.exit_code}; "
            f"stderr: {seen.stderr[-600:]}"
        )
    for text in expect.forbidden:
        for name, shown in (("stdout", seen.stdout), ("stderr", seen.stderr)):
            assert text not in shown, f"{where}: {text!r} was shown on {name}"
    message = seen.message
    assert message.strip(), f"{where}: no message at all"
    if expect.exit_code != 0:
        # A report (exit 0) is a document; every other answer is one short paragraph.
        assert "\n\n" not in message.strip(), f"{where}: not one paragraph: {message!r}"
        assert len(message) <= MAX_MESSAGE, f"{where}: a {len(message)}-character message"
    assert re.search(expect.problem, message, re.IGNORECASE | re.DOTALL), (
        f"{where}: the message does not name the problem /{expect.problem}/: {message!r}"
    )
    assert re.search(expect.next_step, message, re.IGNORECASE | re.DOTALL), (
        f"{where}: the message gives no next step /{expect.next_step}/: {message!r}"
    )
