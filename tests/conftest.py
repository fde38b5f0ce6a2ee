"""Shared fixtures: where the reference data lives, and CI's rule that nothing may skip."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
IN_CI = os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skip locally when a dependency is missing; fail in CI, where it must be present."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and a required dependency is missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Return ../shared (reference profiles and oracles), skipping locally when absent."""
    require(SHARED.is_dir(), f"reference data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def go_binary() -> str:
    """Return the path of the go tool (for go tool pprof), or skip/fail as ``require`` says."""
    go = shutil.which("go")
    require(go is not None, "go is not installed (Debian golang-go provides go tool pprof)")
    assert go is not None
    return go


def pytest_configure(config: pytest.Config) -> None:
    """Keep what the code caches and the threads it keeps out of ~/.cache and ~/.local/state.

    The defaults are the user's (XDG_CACHE_HOME or ~/.cache, XDG_STATE_HOME or ~/.local/state);
    a test that does not give a cache_dir or a state directory, and every program a test starts
    with this environment, uses temporary ones instead. (The MCP SDK's stdio client starts its
    server with a few variables only: those tests pass ``mcp_env()``.)
    """
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="profile-insights-test-cache-")
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="profile-insights-test-state-")


def mcp_env(**extra: str) -> dict[str, str]:
    """Return the environment for an MCP server a test starts: the tests' cache and state."""
    return {
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        "XDG_STATE_HOME": os.environ["XDG_STATE_HOME"],
        **extra,
    }


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Hand a pytest-xdist worker's hostile-corpus figures to the controller, which prints them."""
    import sys

    figures = sys.modules.get("tests.hostile.figures")
    output = getattr(session.config, "workeroutput", None)
    if figures is not None and output is not None:
        output["hostile_figures"] = figures.counted()


def pytest_testnodedown(node: Any, error: object) -> None:
    """Add the figures a finished pytest-xdist worker counted to the controller's."""
    counted = getattr(node, "workeroutput", {}).get("hostile_figures")
    if counted:
        from tests.hostile import figures

        figures.add(counted)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many stored pprof outputs the conformance test compared (it must not shrink)."""
    import sys

    figures = sys.modules.get("tests.hostile.figures")
    if figures is not None:
        for line in figures.report():
            terminalreporter.write_line(line)
    conformance = sys.modules.get("tests.profiles.test_conformance")
    if conformance is None or not conformance.TEXT_CASES:
        return
    terminalreporter.write_line(
        f"pprof conformance: {len(conformance.TEXT_CASES)} stored outputs compared line for "
        f"line, {len(conformance.REJECTED_CASES)} refusals with pprof's reason "
        f"(at least {conformance.MIN_TEXT_CASES} and {conformance.MIN_REJECTED_RUNS})"
    )


def install_profilecli_standin(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    profile: Path,
    recording: Path | None = None,
) -> Path:
    """Put the profilecli stand-in first on PATH as ``profilecli``; return its call log.

    ``tests/pyroscope/profilecli_standin.py`` reproduces profilecli's documented output and
    exit codes (profilecli cannot be installed here); its merge answers with ``profile``, or,
    given ``recording``, every query is answered from that recording as a server serving it
    would (series, merges and ``query top`` per selector and window).
    """
    import stat
    import sys

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "profilecli"
    standin = REPO_ROOT / "tests/pyroscope/profilecli_standin.py"
    program.write_text(f"#!{sys.executable}\n" + standin.read_text())
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("PROFILECLI_STANDIN_LOG", str(log))
    monkeypatch.setenv("PROFILECLI_STANDIN_PROFILE", str(profile))
    monkeypatch.setenv("PROFILECLI_STANDIN_VERSION", "2.2.1")
    monkeypatch.setenv("PROFILECLI_STANDIN_MODE", "ok")
    if recording is not None:
        monkeypatch.setenv("PROFILECLI_STANDIN_RECORDING", str(recording))
    else:
        monkeypatch.delenv("PROFILECLI_STANDIN_RECORDING", raising=False)
    return log
