"""The profiled build's git ref and repository, compared with the user's checkout.

Pyroscope's distributor (``injectMappingVersions``) writes the series' ``service_repository``,
``service_git_ref`` and ``service_root_path`` labels as JSON into the build ID of every mapping:
``{"repository":"...","git_ref":"...","build_id":"...","root_path":"..."}``. pprof's header only
shows the first mapping's, and a merged profile can carry several versions, so all mappings'
build IDs are read. Git runs as an argument list with a timeout, never through a shell.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from profile_insights.agent.code.build_ids import (
    _HEX_RE,
    parse_build_id,
    service_versions,
)
from profile_insights.agent.code.models import GitRefCheck, GitRefStatus
from profile_insights.agent.code.repository_urls import (
    same_repository,
)
from profile_insights.agent.errors import ToolFailedError

logger = logging.getLogger(__name__)

GIT_TIMEOUT_S = 15.0


# --------------------------------------------------------------------------------------------
# Running git


@dataclass(frozen=True)
class GitResult:
    """Exit status and output of one git command."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        """Return True when git exited with status 0."""
        return self.returncode == 0


def run_git(repo: Path, *args: str, timeout: float = GIT_TIMEOUT_S) -> GitResult:
    """Run ``git -C REPO ARGS...`` and return its result.

    Raises:
        ToolFailedError: git is not installed or did not finish in time.
    """
    git = shutil.which("git")
    if git is None:
        raise ToolFailedError(
            "git is not installed, so the profiled git ref cannot be checked.",
            "Install git (Debian/Ubuntu: apt-get install git).",
        )
    env = dict(os.environ)
    # Never prompt for credentials, never take optional locks in the user's repository, and
    # read messages in a fixed language.
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    try:
        done = subprocess.run(  # noqa: S603 - argv list, never a shell
            [git, "-C", str(repo), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ToolFailedError(
            f"`git {' '.join(args)}` did not finish in {timeout:g} s.",
            "Check that the repository is on a responsive disk, then retry.",
        ) from exc
    return GitResult(done.returncode, done.stdout, done.stderr)


def origin_url(repo: Path, *, timeout: float = GIT_TIMEOUT_S) -> str | None:
    """Return ``git remote get-url origin`` for a checkout, or None without an origin."""
    result = run_git(repo, "remote", "get-url", "origin", timeout=timeout)
    url = result.stdout.strip()
    return url if result.ok and url else None


# --------------------------------------------------------------------------------------------
# Repository URLs


# --------------------------------------------------------------------------------------------
# The check

# When several refs are in a profile the overall status is the most worrying one.
_SEVERITY: dict[GitRefStatus, int] = {
    "matches_head": 0,
    "behind_head": 1,
    "diverged": 2,
    "unknown_ref": 3,
}


def _short(ref: str) -> str:
    """Return a ref as people print it (hex hashes shortened to 9 characters)."""
    return ref[:9] if _HEX_RE.match(ref) and len(ref) > 9 else ref


def _ref_status(repo: Path, ref: str, head: str, timeout: float) -> tuple[GitRefStatus, str]:
    """Return how one ref relates to HEAD, and the resolved commit (or "" when unknown)."""
    if _HEX_RE.match(ref) and head.lower().startswith(ref.lower()):
        return "matches_head", head
    resolved = run_git(
        repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", timeout=timeout
    )
    commit = resolved.stdout.strip()
    if not resolved.ok or not commit:
        return "unknown_ref", ""
    if commit == head:
        return "matches_head", commit
    ancestor = run_git(repo, "merge-base", "--is-ancestor", commit, head, timeout=timeout)
    return ("behind_head" if ancestor.ok else "diverged"), commit


def _is_commit(repo: Path, ref: str, timeout: float) -> bool:
    """Return True when ``ref`` names a commit of the repository."""
    return run_git(repo, "cat-file", "-e", f"{ref}^{{commit}}", timeout=timeout).ok


def _uncommitted(repo: Path, paths: Sequence[str], timeout: float) -> list[str]:
    """Return the paths among ``paths`` with uncommitted changes (``git status --porcelain``)."""
    if not paths:
        return []
    result = run_git(
        repo, "status", "--porcelain", "--untracked-files=no", "--", *paths, timeout=timeout
    )
    if not result.ok:
        return []
    changed = {line[3:].strip() for line in result.stdout.splitlines() if len(line) > 3}
    return [path for path in paths if path in changed]


def _commits_touching(repo: Path, commit: str, path: str, timeout: float) -> list[str]:
    """Return ``git log --oneline COMMIT..HEAD -- PATH`` as a list of lines."""
    result = run_git(
        repo, "log", "--oneline", "--no-decorate", f"{commit}..HEAD", "--", path, timeout=timeout
    )
    return [line for line in result.stdout.splitlines() if line.strip()] if result.ok else []


def check_git_ref(
    repo: Path,
    build_ids: Sequence[str],
    hot_files: Sequence[str] = (),
    *,
    timeout: float = GIT_TIMEOUT_S,
) -> GitRefCheck:
    """Compare the git refs in a profile's build IDs with the checkout's HEAD.

    Args:
        repo: The checkout (any directory inside a git work tree).
        build_ids: Build IDs of all mappings (``TopTable.build_ids``).
        hot_files: Repo-relative files of hot rows; for each, the commits since the profiled
            ref that touch it are listed (``git log --oneline REF..HEAD -- FILE``).
        timeout: Seconds allowed for each git command.

    Returns:
        A check whose status is ``matches_head``, ``behind_head`` (lines may have moved),
        ``diverged`` (the ref is known but not an ancestor of HEAD), ``unknown_ref`` (not in
        this clone: shallow clone or another fork), ``no_ref`` or ``not_a_repo``.
    """
    versions = service_versions(build_ids)
    refs = list(dict.fromkeys(v.git_ref for v in versions if v.git_ref))
    plain_ids = [b for b in build_ids if parse_build_id(b) is None and _HEX_RE.match(b.strip())]
    repositories = list(dict.fromkeys(v.repository for v in versions if v.repository))
    root_paths = list(dict.fromkeys(v.root_path for v in versions if v.root_path))
    base = {"profile_refs": refs, "repositories": repositories, "root_paths": root_paths}

    try:
        top = run_git(repo, "rev-parse", "--show-toplevel", timeout=timeout)
    except ToolFailedError as error:
        return GitRefCheck(**base, status="not_a_repo", message=error.message)
    if not top.ok:
        reason = top.stderr.strip().splitlines()[-1:] or ["not a git repository"]
        return GitRefCheck(
            **base,
            status="not_a_repo",
            message=f"{repo} is not a git work tree ({reason[0]}), so the profiled git ref "
            "cannot be compared with the source; line numbers may not match.",
        )
    origin = origin_url(repo, timeout=timeout)
    same = (
        any(same_repository(origin, r) for r in repositories) if origin and repositories else None
    )
    extra = {"origin_url": origin, "same_repository": same}
    foreign = (
        f" The profile names repository {', '.join(repositories)}, but origin is {origin}."
        if same is False
        else ""
    )
    head_result = run_git(
        repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", timeout=timeout
    )
    head = head_result.stdout.strip() if head_result.ok else None

    if not refs and head is not None:
        # Without Pyroscope's JSON, a build ID that is a commit of this repository (a build
        # stamped with `go build -ldflags=-B 0x<commit>`) still identifies the source.
        refs = [b.strip() for b in plain_ids if _is_commit(repo, b.strip(), timeout)]
        base["profile_refs"] = refs
    if not refs:
        return GitRefCheck(
            **base,
            **extra,
            head=head,
            status="no_ref",
            message="The profile carries no git_ref (no service_git_ref label), so it cannot be "
            "verified that the source matches the profiled build; line numbers may differ."
            + foreign,
        )
    if head is None:
        return GitRefCheck(
            **base,
            **extra,
            status="unknown_ref",
            message="The checkout has no commits yet, so the profiled ref "
            f"{', '.join(refs)} cannot be compared with it." + foreign,
        )

    statuses: dict[str, GitRefStatus] = {}
    changed: dict[str, list[str]] = {}
    for ref in refs:
        status, commit = _ref_status(repo, ref, head, timeout)
        statuses[ref] = status
        if status in ("behind_head", "diverged"):
            for path in hot_files:
                for line in _commits_touching(repo, commit, path, timeout):
                    entries = changed.setdefault(path, [])
                    if line not in entries:
                        entries.append(line)
    overall = max(statuses.values(), key=lambda s: _SEVERITY[s])
    dirty = _uncommitted(repo, hot_files, timeout)
    message = _message(statuses, head, changed, repo, timeout) + foreign
    if dirty:
        message += (
            f" Uncommitted changes in {', '.join(dirty)}: the working tree differs from HEAD, "
            "so lines there may not match even at the profiled ref."
        )
    return GitRefCheck(
        **base,
        **extra,
        dirty_files=dirty,
        head=head,
        status=overall,
        message=message,
        changed_files=changed,
    )


def _message(
    statuses: dict[str, GitRefStatus],
    head: str,
    changed: dict[str, list[str]],
    repo: Path,
    timeout: float,
) -> str:
    """Return one sentence per profiled ref, then the hot files changed since."""
    parts: list[str] = []
    several = len(statuses) > 1
    if several:
        parts.append(f"The profile merges {len(statuses)} builds ({', '.join(statuses)}).")
    for ref, status in statuses.items():
        name = _short(ref)
        if status == "matches_head":
            parts.append(f"The profiled ref {name} is the checked-out HEAD: lines match.")
        elif status == "behind_head":
            parts.append(
                f"The profiled ref {name} is older than HEAD {_short(head)}: line numbers may "
                "have moved in files changed since."
            )
        elif status == "diverged":
            parts.append(
                f"The profiled ref {name} is not an ancestor of HEAD {_short(head)} (another "
                "branch, or HEAD is older): line numbers may not match."
            )
        else:
            shallow = run_git(repo, "rev-parse", "--is-shallow-repository", timeout=timeout)
            why = (
                "this is a shallow clone; fetch more history (git fetch --unshallow)"
                if shallow.stdout.strip() == "true"
                else "fetch it (git fetch origin), or it was built from another fork"
            )
            parts.append(
                f"The profiled ref {name} is not in this repository ({why}); line numbers "
                "cannot be verified."
            )
    if changed:
        touched = ", ".join(
            f"{path} ({len(commits)} commit{'s' if len(commits) != 1 else ''})"
            for path, commits in changed.items()
        )
        parts.append(f"Hot files changed since the profiled build: {touched}.")
    elif any(s in ("behind_head", "diverged") for s in statuses.values()):
        parts.append("None of the hot files changed since the profiled build.")
    return " ".join(parts)
