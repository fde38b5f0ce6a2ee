"""Real temporary git repositories for the source-mapping tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require

SCENARIOS = ("cpu-json-catalog", "alloc-strings-search")

_ENV = {
    "GIT_AUTHOR_NAME": "Acme Developer",
    "GIT_AUTHOR_EMAIL": "dev@acme.example",
    "GIT_COMMITTER_NAME": "Acme Developer",
    "GIT_COMMITTER_EMAIL": "dev@acme.example",
    "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    """Run git in a test repository with a fixed identity and return stdout."""
    require(shutil.which("git") is not None, "git is not installed")
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **_ENV},
        timeout=30,
    )
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    """Commit every file in the work tree and return the new HEAD."""
    git(repo, "add", "-A", ".")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def scenario_checkout(shared: Path, scenario: str, target: Path) -> tuple[Path, str]:
    """Copy a scenario's sources to ``target`` as a one-commit repository; return (repo, HEAD).

    When the scenario ships its ``expected.json``, the scenarios' own ``restore_git.sh`` makes
    the commit, so HEAD is exactly the profiled ``git_ref``. Otherwise an equivalent commit is
    made here (same identity and date; the hash then differs from the published one).
    """
    source = shared / "scenarios" / scenario
    require(source.is_dir(), f"scenario {scenario} not found in {shared / 'scenarios'}")
    repo = target / scenario
    shutil.copytree(source, repo, ignore=shutil.ignore_patterns("profiles", "expected.json"))
    for path in [repo, *repo.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    expected = source / "expected.json"
    if expected.is_file():
        shutil.copy(expected, repo / "expected.json")
        (repo / "expected.json").chmod(0o644)
        subprocess.run(
            ["bash", str(shared / "scenarios" / "restore_git.sh"), str(repo)],
            check=True,
            capture_output=True,
            timeout=60,
            env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull},
        )
        want = json.loads(expected.read_text())["git_ref"]
        head = git(repo, "rev-parse", "HEAD")
        assert head == want
        return repo, head
    git(repo, "init", "-q", ".")
    git(repo, "symbolic-ref", "HEAD", "refs/heads/main")
    return repo, commit_all(repo, f"Add the {scenario} service")
