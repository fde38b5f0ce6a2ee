"""The bundled example: ``checkout``, a Go service that compiles a regexp on every call.

This folder is package data: ``service/`` holds the Go sources (module
``github.com/acme/checkout``), ``recording/`` a recording of its CPU profile. A nested ``.git``
cannot ship inside a package, so :func:`create_demo_repo` commits the sources into a folder with
:func:`profile_insights.agent.code.repos.create_repo`: the hash is the same on every machine and
equals the recording's ``service_git_ref``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from profile_insights.agent.code.repos import create_repo

#: Message of the demo's single commit.
DEMO_COMMIT_MESSAGE = "checkout: price carts with coupons and regional tax"


#: Repository URL the demo profile's ``service_repository`` label carries.
DEMO_REPOSITORY = "https://github.com/acme/checkout"


#: ``service_name`` of the demo service.
DEMO_SERVICE = "checkout"


#: The commit :func:`create_demo_repo` makes: the recording's ``service_git_ref``.
DEMO_HEAD = "fdb025e6a7030dd27f3542ad508c65f6c0c06ded"


def demo_dir() -> Path:
    """Return the folder of the bundled demo (``service/`` sources and ``recording/``)."""
    return Path(str(resources.files(__package__)))


def demo_recording_dir() -> Path:
    """Return the bundled recording of the demo service."""
    return demo_dir() / "recording"


def demo_service_dir() -> Path:
    """Return the bundled source tree of the demo service (not a git repository)."""
    return demo_dir() / "service"


def create_demo_repo(dest: Path) -> str:
    """Make the demo service's repository in ``dest`` and return its HEAD (the profile's ref)."""
    return create_repo(demo_service_dir(), dest, DEMO_COMMIT_MESSAGE, origin=DEMO_REPOSITORY)


def demo_checkout() -> Path:
    """Return the demo service as a git repository of its own, made once in the temp directory.

    The examples point ``repo`` at it, as ``make demo`` does: ``agent/demo/service`` inside this
    project's checkout belongs to another repository, so a report on it would warn that the
    profiled git ref is not there. A copy that is no longer the demo commit is made again.
    """
    owner = os.getuid() if hasattr(os, "getuid") else 0
    target = Path(tempfile.gettempdir()) / f"profile-insights-demo-{owner}" / "checkout"
    if _is_demo_commit(target):
        return target
    scratch = Path(tempfile.mkdtemp(prefix="profile-insights-demo-"))
    fresh = scratch / "checkout"
    create_demo_repo(fresh)
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fresh.rename(target)  # atomic: another process never sees half a repository
    except OSError:
        return fresh  # one was made meanwhile (or the folder is taken): use this copy
    scratch.rmdir()
    return target


def _is_demo_commit(path: Path) -> bool:
    # Imported here: the CLI imports this package for every command, and gitref loads pydantic.
    from profile_insights.agent.code.gitref import run_git

    if not (path / ".git").is_dir():
        return False
    head = run_git(path, "rev-parse", "HEAD")
    status = run_git(path, "status", "--porcelain")
    return head.ok and head.stdout.strip() == DEMO_HEAD and status.ok and not status.stdout.strip()
