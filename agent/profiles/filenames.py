"""File-name rules pprof applies before building a report (Go ``path/filepath`` semantics).

pprof trims ``/proc/self/cwd/`` prefixes from function file names (``trimPath`` in
``internal/report/source.go``), then applies ``filepath.Clean``; mapping files are shown by
``filepath.Base``. Python's ``os.path`` differs in corner cases (``//`` roots, empty names),
so Go's rules are written out here.
"""

from __future__ import annotations

_TRIM_PREFIXES = ("/proc/self/cwd/./", "/proc/self/cwd/")


def trim_path(path: str) -> str:
    """Remove the ``/proc/self/cwd/`` prefixes pprof strips when no -trim_path is given."""
    for prefix in _TRIM_PREFIXES:
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def go_clean(path: str) -> str:
    """Return Go's ``filepath.Clean(path)`` on a Unix system."""
    if path == "":
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    cleaned = "/".join(parts)
    if rooted:
        return "/" + cleaned
    return cleaned or "."


def go_base(path: str) -> str:
    """Return Go's ``filepath.Base(path)`` on a Unix system."""
    if path == "":
        return "."
    stripped = path.rstrip("/")
    if stripped == "":
        return "/"
    return stripped.rsplit("/", 1)[-1]


def report_file_name(path: str) -> str:
    """Return a function's file name as pprof shows it with -lines (trimmed, cleaned)."""
    trimmed = trim_path(path)
    return go_clean(trimmed) if trimmed else ""
