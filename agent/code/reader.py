"""Read the user's source files, only ever inside the repository root.

File names come from profiles, which are outside data: a name such as ``../../etc/passwd``, an
absolute path, or a symlink in the checkout that points elsewhere must never make us read a
file outside the repository. Every read goes through :func:`safe_path`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath

from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.errors import RepositoryAccessError

DEFAULT_RADIUS = 20
# Source files larger than this are not read (generated code, data files named *.go ...).
MAX_FILE_BYTES = 8 * 1024 * 1024


#: Whole files read for what they keep or define (patterns, queues, containers) up to this size.
MAX_SCANNED_BYTES = 1024 * 1024


@lru_cache(maxsize=128)
def scanned_text(path: str, size: int, mtime_ns: int) -> str:
    """Return the text of a checkout file already resolved inside the root, once per version.

    ``size`` and ``mtime_ns`` key the cache, so an edited file is read again; a file over
    :data:`MAX_SCANNED_BYTES` or one that cannot be read gives an empty text.
    """
    if size > MAX_SCANNED_BYTES:
        return ""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def safe_path(repo_root: Path, repo_path: str) -> Path:
    """Return the real path of ``repo_path`` inside ``repo_root``, refusing anything outside.

    Args:
        repo_root: The repository root.
        repo_path: A path relative to the root, with ``/`` separators.

    Raises:
        RepositoryAccessError: The path is absolute, has ``..`` components, or resolves
            (through symlinks) to a place outside the root.
    """
    pure = PurePosixPath(repo_path.replace("\\", "/"))
    if pure.is_absolute() or repo_path.startswith(("/", "\\")) or ":" in (pure.parts or ("",))[0]:
        raise RepositoryAccessError(
            f"Refused to read {repo_path!r}: only paths relative to the repository are read.",
            "Source mapping reads files inside the repository root only.",
        )
    if ".." in pure.parts:
        raise RepositoryAccessError(
            f"Refused to read {repo_path!r}: '..' would leave the repository.",
            "Source mapping reads files inside the repository root only.",
        )
    root = repo_root.resolve()
    target = (root / pure).resolve()
    if target != root and root not in target.parents:
        raise RepositoryAccessError(
            f"Refused to read {repo_path!r}: it resolves to {target}, outside the repository "
            "(a symlink points out).",
            "Source mapping reads files inside the repository root only.",
        )
    return target


def read_lines(repo_root: Path, repo_path: str) -> list[str]:
    """Return the lines of a repository file (decoding errors replaced), without newlines.

    Raises:
        RepositoryAccessError: The path is outside the root, missing, too large or unreadable.
    """
    path = safe_path(repo_root, repo_path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise RepositoryAccessError(f"{repo_path} is not a regular file.")
        if size > MAX_FILE_BYTES:
            raise RepositoryAccessError(
                f"{repo_path} is {size} bytes, over the {MAX_FILE_BYTES}-byte limit for reading."
            )
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise RepositoryAccessError(f"Cannot read {repo_path}: {exc.strerror or exc}") from exc


def window_of(
    lines: list[str], repo_path: str, line: int, radius: int = DEFAULT_RADIUS
) -> CodeWindow | None:
    """Return the lines around ``line`` (1-based), or None when it is past the end of file."""
    if line < 1 or line > len(lines):
        return None
    start = max(1, line - radius)
    end = min(len(lines), line + radius)
    return CodeWindow(
        path=repo_path, start_line=start, focus_line=line, lines=lines[start - 1 : end]
    )


def read_window(
    repo_root: Path, repo_path: str, line: int, radius: int = DEFAULT_RADIUS
) -> CodeWindow:
    """Return ``radius`` lines either side of ``line`` of a repository file.

    Args:
        repo_root: The repository root.
        repo_path: The file, relative to the root.
        line: The 1-based line to centre on.
        radius: Lines to include before and after.

    Raises:
        RepositoryAccessError: The file is outside the root or unreadable, or the line is past
            its end (the checkout differs from the profiled build).
    """
    lines = read_lines(repo_root, repo_path)
    window = window_of(lines, repo_path, line, radius)
    if window is None:
        raise RepositoryAccessError(
            f"{repo_path} has {len(lines)} lines, so line {line} is not in it.",
            "The checkout probably differs from the profiled build; check the git ref.",
        )
    return window


#: How far past a row's window the analyst's own reading may widen it (a function's body: a
#: Node.js profile gives only a function's first line, and its work is further down).
MAX_WIDENING = 80


def widen_windows(
    repo_root: Path, matches: list[SourceMatch], refs: list[str]
) -> list[SourceMatch]:
    """Return ``matches`` with windows widened to hold each ``path:line`` of ``refs``.

    The deterministic analyst parses a hot function whole and cites the line of what it
    recognised there; that line was read, so the window that shows (and grounds) it must
    hold it. A ref is taken only within :data:`MAX_WIDENING` lines of a window of its file
    and only when the line exists; others stay unread (the verifier drops what cites them).
    """
    nearest: dict[int, list[int]] = {}
    for ref in refs:
        path, _, number = ref.rpartition(":")
        if not path or not number.isdigit():
            continue
        line = int(number)
        windows = [
            (index, m.window)
            for index, m in enumerate(matches)
            if m.window is not None and m.window.path == path
        ]
        if not windows or any(w.start_line <= line <= w.end_line for _, w in windows):
            continue
        distance, index = min(
            (min(abs(line - w.start_line), abs(line - w.end_line)), index) for index, w in windows
        )
        if distance <= MAX_WIDENING:
            nearest.setdefault(index, []).append(line)
    widened = list(matches)
    for index, near in nearest.items():
        match = matches[index]
        window = match.window
        assert window is not None
        try:
            lines = read_lines(repo_root, window.path)
        except RepositoryAccessError:
            continue
        start = max(1, min(window.start_line, min(near) - 2))
        end = min(len(lines), max(window.end_line, max(near) + 2))
        grown = window.model_copy(update={"start_line": start, "lines": lines[start - 1 : end]})
        widened[index] = match.model_copy(update={"window": grown})
    return widened
