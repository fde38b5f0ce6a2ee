"""The bundled example: ``checkout``, a Go service that compiles a regexp on every call.

This folder is package data: ``service/`` holds the Go sources (module
``github.com/acme/checkout``), ``recording/`` a recording of its CPU profile. A nested ``.git``
cannot ship inside a package, so :func:`create_demo_repo` commits the sources into a folder with
:func:`profile_insights.agent.code.repos.create_repo`: the hash is the same on every machine and
equals the recording's ``service_git_ref``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from profile_insights.agent.code.repos import create_repo

#: Message of the demo's single commit.
DEMO_COMMIT_MESSAGE = "checkout: price carts with coupons and regional tax"


#: Repository URL the demo profile's ``service_repository`` label carries.
DEMO_REPOSITORY = "https://github.com/acme/checkout"


#: ``service_name`` of the demo service.
DEMO_SERVICE = "checkout"


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
