"""Every Python block of docs/integrations.md and of the README's "Ways in" runs as written."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT
from tests.integrations.conftest import free_port

DOC = REPO_ROOT / "docs/integrations.md"
SERVER_URL = "http://127.0.0.1:2024"


def python_blocks() -> dict[str, str]:
    """Return each ```python block, keyed by the section it is in."""
    blocks: dict[str, str] = {}
    section = ""
    for match in re.finditer(r"^## ([^\n]+)$|^```python\n(.*?)^```", DOC.read_text(), re.M | re.S):
        if match.group(1):
            section = match.group(1).strip()
        else:
            blocks[section] = match.group(2)
    return blocks


def run_block(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOC), "exec"), {"__name__": "docs_example"})
    return out.getvalue()


def run_block_namespace(code: str) -> tuple[str, dict[str, Any]]:
    """Run a block and return what it printed and the names it defined."""
    namespace: dict[str, Any] = {"__name__": "docs_example"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), namespace)
    return out.getvalue(), namespace


def test_every_way_in_has_a_section() -> None:
    text = DOC.read_text()
    for section in (
        "Python API",
        "LangChain tool",
        "Subgraph",
        "LangGraph Server",
        "MCP server",
        "Comparisons and breakdowns: the same options everywhere",
        "HTML report with a flame graph",
        "Streaming progress",
    ):
        assert f"## {section}" in text


EXPECTED = {
    "Python API": ["Which service", "pricing.validCoupon"],
    "LangChain tool": ["Which service", "# Profile insights: Why is checkout slow?"],
    "Subgraph": ["github.com/acme/checkout/internal/pricing."],
    "Streaming progress": ["check_tools", "fetch_profile", "render_report"],
    "Comparisons and breakdowns: the same options everywhere": [
        "regressed ['0f7bc65695f6e106e3d748a083a76ccda2a9fd1f']"
    ],
}


@pytest.mark.parametrize("section", sorted(EXPECTED))
def test_python_block_runs(section: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    output = run_block(python_blocks()[section])
    for expected in EXPECTED[section]:
        assert expected in output, output


@pytest.mark.integration
@pytest.mark.slow
def test_server_block_runs_against_langgraph_dev(
    langgraph_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    code = python_blocks()["LangGraph Server"].replace(SERVER_URL, langgraph_server)
    # The test server runs from a scratch directory: give it absolute paths.
    for folder in ("evals", "agent"):
        code = code.replace(f'"{folder}/', f'"{REPO_ROOT}/{folder}/')
    output = run_block(code)
    assert "Which service" in output and "pricing.validCoupon" in output


README = REPO_ROOT / "README.md"


def readme_blocks(language: str) -> dict[str, str]:
    """Return each block of ``language`` in the README's "Ways in", keyed by its subsection."""
    text = README.read_text()
    part = text[text.index("## Ways in") : text.index("\n## ", text.index("## Ways in") + 1)]
    blocks: dict[str, str] = {}
    section = ""
    pattern = rf"^### ([^\n]+)$|^```{language}\n(.*?)^```"
    for match in re.finditer(pattern, part, re.M | re.S):
        if match.group(1):
            section = match.group(1).strip()
        else:
            blocks[section] = match.group(2)
    return blocks


def test_the_readme_has_a_short_section_for_every_way_in() -> None:
    sections = set(readme_blocks("python")) | set(readme_blocks("sh"))
    assert sections == {
        "Python API",
        "LangChain tool",
        "Subgraph",
        "LangGraph Server",
        "MCP server",
        "HTML report with a flame graph",
        "Streaming progress",
    }
    assert all(len(code.splitlines()) <= 20 for code in readme_blocks("python").values())


README_EXPECTED = {
    "Python API": ["pricing.validCoupon at internal/pricing/pricing.go:61"],
    "LangChain tool": ["# Profile insights: Why is checkout slow?"],
    "Subgraph": ["pricing.validCoupon"],
    "Streaming progress": ["check_tools", "fetch_profile", "render_report"],
}
#: Where each block's report says how the profiled git ref compares with the checkout.
README_GIT_STATUS = {
    "Python API": lambda names: names["report"].git.status,
    "Subgraph": lambda names: names["out"]["report"]["git"]["status"],
}
FALSE_WARNING = "is not in this repository"


@pytest.mark.parametrize("section", sorted(README_EXPECTED))
def test_readme_python_block_runs(
    section: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    output, names = run_block_namespace(readme_blocks("python")[section])
    for expected in README_EXPECTED[section]:
        assert expected in output, output
    # The demo checkout is a repository of its own: its HEAD is the profiled ref.
    assert FALSE_WARNING not in output
    if section in README_GIT_STATUS:
        assert README_GIT_STATUS[section](names) == "matches_head"


def _shell(tmp_path: Path) -> dict[str, str]:
    """Return the environment a README shell block runs in: the venv's commands, temp state."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PROFILE_INSIGHTS_STATE_DIR": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


def _as_run_here(block: str) -> str:
    # The blocks name the commands as .venv/bin/... from the repository root.
    return block.replace(".venv/bin/", f"{Path(sys.executable).parent}/")


def test_readme_html_command_writes_the_page(tmp_path: Path) -> None:
    block = readme_blocks("sh")["HTML report with a flame graph"]
    script = _as_run_here(block).replace("--output report.html", f"--output {tmp_path}/r.html")
    done = subprocess.run(
        ["bash", "-euc", script],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=_shell(tmp_path),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "r.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert FALSE_WARNING not in page


def readme_section_block(heading: str, language: str) -> str:
    """Return the first block of ``language`` under the README's ``## heading``."""
    text = README.read_text()
    part = text[text.index(f"## {heading}\n") :]
    match = re.search(rf"^```{language}\n(.*?)^```", part, re.M | re.S)
    assert match is not None, heading
    return match.group(1)


@pytest.mark.integration
def test_readme_replay_walkthrough_answers_from_the_served_recording(tmp_path: Path) -> None:
    block = readme_section_block("A recording as a Pyroscope server", "sh")
    port = str(free_port())
    script = _as_run_here(block).replace("4040", port)
    done = subprocess.run(
        ["bash", "-euc", script],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=_shell(tmp_path),
        check=False,
        start_new_session=True,  # a failed step cannot leave the server behind
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Times are shifted forward by" in done.stdout  # serve says what "now" means
    assert f"connected to Pyroscope at http://127.0.0.1:{port}" in done.stderr
    assert "# Profile insights: Why is checkout slow?" in done.stdout
    assert "pricing.validCoupon" in done.stdout
    assert FALSE_WARNING not in done.stdout
