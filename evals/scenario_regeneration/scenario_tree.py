"""A scenario's files: finding the folders, recreating their commit, exporting it.

Every scenario is committed the way ``../shared/scenarios/restore_git.sh`` does it: ``git add
-A`` of a copy of the folder (its ``.gitignore`` keeps ``profiles/`` and ``expected.json`` out),
author and committer ``Acme Developer <dev@acme.example>``, the fixed scenario date and the
message recorded in ``expected.json``, so the hash is ``git_ref`` on every machine.

The copy keeps file modes and symbolic links as they are (``git_ref`` records an executable
script as 100755), which is why :func:`profile_insights.agent.code.repos.create_repo`, which
normalises every mode to 644, is not used here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from profile_insights.agent.code.repos import AUTHOR_EMAIL, AUTHOR_NAME
from profile_insights.evals.scenarios import SCENARIO_COMMIT_DATE


def scenario_dirs(corpus: Path, names: Sequence[str], languages: Iterable[str]) -> list[Path]:
    """Return the scenario folders named (paths, or names under ``corpus``), resolved.

    Without names: every folder of ``corpus`` whose ``expected.json`` has one of ``languages``.
    """
    if names:
        return [(Path(name) if Path(name).is_dir() else corpus / name).resolve() for name in names]
    wanted = set(languages)
    return sorted(
        path.parent.resolve()
        for path in corpus.glob("*/expected.json")
        if read_expected(path.parent).get("language") in wanted
    )


def read_expected(scenario: Path) -> dict[str, Any]:
    """Return the scenario's ``expected.json``."""
    data: dict[str, Any] = json.loads((scenario / "expected.json").read_text(encoding="utf-8"))
    return data


def write_expected(scenario: Path, data: dict[str, Any]) -> None:
    """Write the scenario's ``expected.json`` (two-space indent and a final newline)."""
    (scenario / "expected.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _git_env() -> dict[str, str]:
    """Return an environment for git with the fixed author and date and no user configuration."""
    # A user's GIT_* variables and global config (hooks, templates, signing) must not change
    # the hash.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    for role in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{role}_NAME"] = AUTHOR_NAME
        env[f"GIT_{role}_EMAIL"] = AUTHOR_EMAIL
        env[f"GIT_{role}_DATE"] = SCENARIO_COMMIT_DATE
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    return env


def make_commit(scenario: Path, dest: Path, message: str) -> str:
    """Copy the scenario to ``dest`` (without .git), commit it like restore_git.sh, return the hash.

    Raises:
        subprocess.CalledProcessError: when a git command fails.
    """
    shutil.copytree(scenario, dest, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    env = _git_env()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=dest, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()

    git("init", "-q", ".")
    git("symbolic-ref", "HEAD", "refs/heads/main")
    git("add", "-A", ".")
    git("-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", "commit", "-q", "-m", message)
    return git("rev-parse", "HEAD")


def export_tree(repo: Path, dest: Path) -> None:
    """Write the files of the repository's HEAD (exactly the committed tree) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=repo, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
