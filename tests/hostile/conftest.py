"""Fixtures of the hostile corpus: a sandbox per case, with everything outside it watched.

Every case runs with HOME, TMPDIR, the XDG directories and the state directory inside its
own temporary directory, the current directory there too, and no Pyroscope settings from the
environment; the checkout and the reference data are fingerprinted before and after.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.harness import Footprint

#: Seconds a case may take: a hang (a FIFO read, a server that never answers) is a failure.
CASE_SECONDS = 90


class CaseHung(BaseException):
    """A case ran past :data:`CASE_SECONDS` (a BaseException: no handler under test eats it)."""


_CLEARED = (
    "PROFILECLI_URL",
    "PROFILECLI_TOKEN",
    "PROFILECLI_TENANT_ID",
    "PROFILECLI_USERNAME",
    "PROFILECLI_PASSWORD",
    "PROFILE_INSIGHTS_TIMEOUT",
    "PROFILE_INSIGHTS_REPLAY_TOKEN",
    "OPENAI_API_KEY",
)


@dataclass(frozen=True)
class Sandbox:
    """A case's own directories; ``work`` is the current directory while it runs."""

    root: Path
    work: Path
    home: Path
    state: Path
    cache: Path
    temp: Path

    def env(self) -> dict[str, str]:
        """Return the environment a subprocess of this case runs with."""
        environment = {k: v for k, v in os.environ.items() if k not in _CLEARED}
        environment.update(
            HOME=str(self.home),
            TMPDIR=str(self.temp),
            XDG_CACHE_HOME=str(self.cache),
            XDG_STATE_HOME=str(self.state),
            PROFILE_INSIGHTS_STATE_DIR=str(self.state / "profile-insights"),
            NO_COLOR="1",
            COLUMNS="200",
            LANGGRAPH_STRICT_MSGPACK="true",
        )
        return environment


def make_sandbox(root: Path) -> Sandbox:
    """Create the directories of a sandbox under ``root``."""
    names = ("work", "home", "state", "cache", "temp")
    for name in names:
        (root / name).mkdir(parents=True, exist_ok=True)
    return Sandbox(root, *(root / name for name in names))


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    """Run the case in its own directories and fail it if anything outside them changed."""
    box = make_sandbox(tmp_path / "sandbox")
    for name, value in box.env().items():
        monkeypatch.setenv(name, value)
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(box.temp))
    monkeypatch.chdir(box.work)
    before = Footprint.take()

    def hung(signum: int, frame: object) -> None:
        raise CaseHung(f"the case did not finish within {CASE_SECONDS}s (it hangs)")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(CASE_SECONDS)
    try:
        yield box
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    changes = Footprint.take().changes_since(before)
    assert not changes, f"the case changed files outside its sandbox: {changes[:5]}"
