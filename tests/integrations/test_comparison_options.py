"""Issue 11's comparison options reach the graph the same way from every way in.

``--baseline-from/--baseline-to``, ``--baseline-ref``, ``--ref`` and ``--by`` on the command
line; the same field names in the Python API, the LangChain tool and the MCP tool (one model,
``agent/arguments.py``). Each runs on a real recording of a deploy (two ``service_git_ref``
values) and must come back with the comparison or breakdown it asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from profile_insights.agent.api import Investigation, ToolArguments
from profile_insights.agent.errors import UserInputError
from tests.conftest import REPO_ROOT

CASE = REPO_ROOT / "evals/cases/go-deploy-cpu-receipt"
RECORDING = CASE / "recording"
SERVICE = REPO_ROOT / "evals/services/checkout-receipts"
BEFORE = "0f7bc65695f6e106e3d748a083a76ccda2a9fd1f"
AFTER = "ac5cba4248296bbd15dbfbcdb597b0b5d4314a9f"
QUESTION = "Why is checkout slow?"
CLI = Path(sys.executable).parent / "profile-insights"

pytestmark = [pytest.mark.integration]


def cli(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CLI),
            "ask",
            QUESTION,
            "--recording",
            str(RECORDING),
            "--repo",
            str(SERVICE),
            "--format",
            "json",
            "--no-input",
            "--state-dir",
            str(tmp_path / "state"),
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_cli_baseline_ref_and_ref_compare_the_two_deploys(tmp_path: Path) -> None:
    done = cli(tmp_path, "--baseline-ref", BEFORE[:8], "--ref", AFTER[:8])
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["investigation"] == "comparison"
    comparison = report["comparison"]
    assert comparison["baseline"]["git_refs"] == [BEFORE]
    assert comparison["current"]["git_refs"] == [AFTER]
    assert comparison["verdict"] == "regressed"


def test_cli_baseline_window_is_the_window_compared_with(tmp_path: Path) -> None:
    done = cli(
        tmp_path,
        "--from",
        "2026-11-25T09:00:01Z",
        "--to",
        "2026-11-25T12:00:00Z",
        "--baseline-from",
        "2026-11-25T06:00:00Z",
        "--baseline-to",
        "2026-11-25T08:59:59Z",
    )
    assert done.returncode == 0, done.stderr
    comparison = json.loads(done.stdout)["comparison"]
    assert comparison["baseline"]["from"] == "2026-11-25T06:00:00Z"
    assert comparison["baseline"]["to"] == "2026-11-25T08:59:59Z"
    assert comparison["current"]["from"] == "2026-11-25T09:00:01Z"


def test_cli_by_asks_for_a_breakdown_by_that_label(tmp_path: Path) -> None:
    done = cli(tmp_path, "--by", "service_git_ref")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["investigation"] == "breakdown"
    assert "a breakdown by 'service_git_ref' was asked for" in done.stderr


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--baseline-to", "now"], "--baseline-to was given without --baseline-from"),
        (["--ref", AFTER], "--ref was given without --baseline-ref"),
        (["--baseline-from", "now-25h", "--baseline-ref", BEFORE], "not both"),
    ],
)
def test_cli_options_that_do_not_fit_together_exit_2_naming_them(
    tmp_path: Path, options: list[str], said: str
) -> None:
    done = cli(tmp_path, *options)
    assert done.returncode == 2, done.stderr
    assert said in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr


def test_python_api_takes_the_same_fields_as_keywords(tmp_path: Path) -> None:
    from profile_insights.agent import Report, ask, make_context

    context = make_context(recording=RECORDING, repo=SERVICE, cache_dir=tmp_path)
    report = ask(QUESTION, context=context, baseline_ref=BEFORE[:8], ref=AFTER[:8])
    assert isinstance(report, Report)
    assert report.comparison is not None
    assert report.comparison.baseline.git_refs == [BEFORE]
    with pytest.raises(UserInputError, match="ref was given without baseline_ref"):
        ask(QUESTION, context=context, ref=AFTER)


def test_langchain_tool_passes_the_fields_to_the_graph(tmp_path: Path) -> None:
    from profile_insights.agent.api import make_context
    from profile_insights.agent.tools import profile_insights_tool

    tool = profile_insights_tool(
        make_context(recording=RECORDING, repo=SERVICE, cache_dir=tmp_path)
    )
    assert tool.args_schema is ToolArguments
    message = tool.invoke(
        {
            "type": "tool_call",
            "id": "call-1",
            "name": tool.name,
            "args": {"question": QUESTION, "baseline_ref": BEFORE[:8], "ref": AFTER[:8]},
        }
    )
    report = message.artifact
    assert report["comparison"]["current"]["git_refs"] == [AFTER]
    assert "What changed" in message.content


def test_mcp_tool_publishes_and_takes_the_fields(tmp_path: Path) -> None:
    parameters = StdioServerParameters(
        command=str(CLI),
        args=[
            "mcp",
            "--recording",
            str(RECORDING),
            "--repo",
            str(SERVICE),
            "--state-dir",
            str(tmp_path / "state"),
        ],
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )

    async def main() -> tuple[Any, Any]:
        async with stdio_client(parameters) as streams, ClientSession(*streams) as session:
            await session.initialize()
            tools = (await session.list_tools()).tools
            result = await session.call_tool(
                "ask", {"question": QUESTION, "baseline_ref": BEFORE[:8], "ref": AFTER[:8]}
            )
            return tools, result

    tools, result = anyio.run(main)
    schema = next(tool for tool in tools if tool.name == "ask").input_schema["properties"]
    assert set(Investigation.model_fields) <= set(schema)
    assert all(schema[name]["description"] for name in Investigation.model_fields)
    assert not result.is_error
    text = "".join(part.text for part in result.content if part.type == "text")
    assert "What changed" in text and AFTER[:12] in text
