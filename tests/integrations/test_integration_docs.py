"""Every Python block of docs/integrations.md runs as written (from the repository root)."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from tests.conftest import REPO_ROOT

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


def test_every_way_in_has_a_section() -> None:
    text = DOC.read_text()
    for section in (
        "Python API",
        "LangChain tool",
        "Subgraph",
        "LangGraph Server",
        "MCP server",
        "HTML report with a flame graph",
        "Streaming progress",
    ):
        assert f"## {section}" in text


EXPECTED = {
    "Python API": ["Which service", "pricing.validCoupon", "pricing.Price"],
    "LangChain tool": ["Which service", "# Profile insights: Why is checkout slow?"],
    "Subgraph": ["github.com/acme/checkout/internal/pricing."],
    "Streaming progress": ["check_tools", "fetch_profile", "render_report"],
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
