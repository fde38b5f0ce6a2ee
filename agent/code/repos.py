"""Turn a plain source tree into a git repository with a reproducible commit hash.

The demo service (``agent/demo/service``) and the evaluation cases ship plain source files: a
nested ``.git`` cannot live inside a package or another repository. Profiles carry the commit
they were built from (the ``service_git_ref`` label, which Pyroscope also injects into the
mapping build IDs), so the tree must become the *same* commit every time: this module copies
it, normalises file modes, and commits with a fixed author, committer, date and message. Git
hashes only content, modes, names, author/committer lines and the message, so the hash is then
the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Sequence
from pathlib import Path

from profile_insights.agent.errors import ToolFailedError, ToolNotFoundError

#: Author and committer of every reproducible commit.
AUTHOR_NAME = "Acme Developer"
AUTHOR_EMAIL = "dev@acme.example"
#: Date of the first commit; later commits add one hour each so their order is stable.
BASE_DATE = "2026-11-20T10:00:00+00:00"


def _git(repo: Path, args: Sequence[str], *, date: str | None = None) -> str:
    git = shutil.which("git")
    if git is None:
        raise ToolNotFoundError(
            "git is not installed, so the example source cannot become a repository.",
            hint="Install git (Debian: apt-get install git) and run the command again.",
        )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": AUTHOR_NAME,
        "GIT_AUTHOR_EMAIL": AUTHOR_EMAIL,
        "GIT_COMMITTER_NAME": AUTHOR_NAME,
        "GIT_COMMITTER_EMAIL": AUTHOR_EMAIL,
        # A user's global config (hooks, templates, signing) must not change the hash.
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date is not None:
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
    argv = [git, "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", *args]
    result = subprocess.run(  # fixed argv, never a shell
        argv, cwd=repo, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    if result.returncode != 0:
        raise ToolFailedError(
            f"git {' '.join(args)} failed in {repo}: {result.stderr.strip()}",
            hint="Check that the destination folder is writable and git works.",
        )
    return result.stdout.strip()


def _copy_tree(source: Path, dest: Path, *, keep_modes: bool = False) -> None:
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if "__pycache__" in rel.parts or ".git" in rel.parts:
            continue
        target = dest / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, not text: line endings are part of the hash.
        target.write_bytes(path.read_bytes())
        # Git records only whether a file is executable (755) or not (644), and that bit is
        # part of the commit's hash. Installed package data may carry any mode, so it is
        # dropped unless the source tree's modes are known to be the committed ones.
        executable = keep_modes and path.stat().st_mode & stat.S_IXUSR
        target.chmod(0o755 if executable else 0o644)


def commit_date(index: int) -> str:
    """Return the fixed date of the ``index``-th (0-based) reproducible commit."""
    return BASE_DATE.replace("T10:", f"T{10 + index:02d}:")


def create_repo(
    source: Path,
    dest: Path,
    message: str,
    *,
    origin: str | None = None,
    date: str | None = None,
    keep_modes: bool = False,
) -> str:
    """Copy ``source`` into ``dest``, make it a one-commit repository, and return its hash.

    Args:
        source: A plain source tree (a ``.git`` inside it is ignored).
        dest: A folder that does not exist yet, or an empty one.
        message: The commit message (part of the hash).
        origin: When given, set as ``remote.origin.url`` (does not change the hash).
        date: The commit date (ISO 8601 with offset); default :func:`commit_date` (0).
        keep_modes: Commit executable files as executable (a tree checked out of git, whose
            recorded hash counts that bit); by default every file is committed as 644.

    Raises:
        ToolNotFoundError: when git is not installed.
        ToolFailedError: when a git command fails.
    """
    dest.mkdir(parents=True, exist_ok=True)
    _copy_tree(source, dest, keep_modes=keep_modes)
    _git(dest, ["init", "-q", "."])
    _git(dest, ["symbolic-ref", "HEAD", "refs/heads/main"])
    if origin is not None:
        _git(dest, ["remote", "add", "origin", origin])
    return commit_tree(dest, message, index=0, date=date)


def commit_tree(
    repo: Path,
    message: str,
    *,
    index: int,
    overlay: Path | None = None,
    date: str | None = None,
) -> str:
    """Copy ``overlay`` (if any) over ``repo``, commit everything, and return the new hash.

    Args:
        repo: A repository made by :func:`create_repo`.
        message: The commit message.
        index: Which commit this is (0 for the first); fixes the commit date.
        overlay: A tree whose files replace or add files in the repository.
        date: The commit date; default :func:`commit_date` of ``index``.
    """
    if overlay is not None:
        _copy_tree(overlay, repo)
    _git(repo, ["add", "-A", "."])
    when = date or commit_date(index)
    _git(repo, ["commit", "-q", "--allow-empty", "-m", message], date=when)
    return _git(repo, ["rev-parse", "HEAD"])
