"""Which profilecli is installed: its version, asked once per binary.

``profilecli --version`` is a process start (0.1-1 s on a loaded machine) that every question
against a live server would pay; the answer is kept per binary (path, size, modification time)
in a small JSON file of the cache directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

#: prometheus/common's version.Print line; an empty version means the ldflags were not set.
VERSION_LINE = re.compile(r"^profilecli, version (\S*)", re.MULTILINE)


def detect_profilecli(
    binary: str = "profilecli", timeout: float = 10.0, cache: Path | None = None
) -> str | None:
    """Return the installed profilecli version (``"dev"`` for a plain ``go build``), or None.

    With ``cache`` (a JSON file), a version found before for the same binary (path, size and
    modification time) is reused: ``profilecli --version`` costs a process start per question.
    """
    path = shutil.which(binary)
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    stamp = f"{os.path.realpath(path)}:{stat.st_size}:{stat.st_mtime_ns}"
    known = _cached_versions(cache)
    if stamp in known:
        return known[stamp]
    version = _run_version(path, timeout)
    if cache is not None and version is not None:
        # Only a version found is kept: a failure (a timeout on a loaded machine) is retried.
        known[stamp] = version
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(known), encoding="utf-8")
            temporary.replace(cache)
        except OSError:
            pass  # a read-only cache only costs the next run the same check
    return version


def _cached_versions(cache: Path | None) -> dict[str, str]:
    if cache is None:
        return {}
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict):
        return {}
    return {str(key): value for key, value in stored.items() if isinstance(value, str)}


def _run_version(path: str, timeout: float) -> str | None:
    try:
        result = subprocess.run(
            [path, "--version"],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    match = VERSION_LINE.search(result.stdout + result.stderr)
    if match is None:
        return None
    return match.group(1) or "dev"
