"""`profile-insights mcp` driven by the official MCP SDK's own stdio client."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from profile_insights.evals.tokens import count_tokens
from tests.conftest import REPO_ROOT, mcp_env

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"
CLI = Path(sys.executable).parent / "profile-insights"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def run_session(scenario: Callable[[ClientSession], Awaitable[Any]], *args: str) -> Any:
    """Start the server as a subprocess, run ``scenario`` with a client session, stop it."""
    # The server keeps its threads in a store of its own: never the user's state directory.
    with tempfile.TemporaryDirectory(prefix="pi-mcp-state-") as state:
        return _run_on(state, scenario, *args)


def _run_on(state: str, scenario: Callable[[ClientSession], Awaitable[Any]], *args: str) -> Any:
    parameters = StdioServerParameters(
        command=str(CLI),
        args=[
            "mcp",
            "--recording",
            str(TWO_SERVICES),
            "--repo",
            str(DEMO_REPO),
            "--state-dir",
            state,
            *args,
        ],
        env=mcp_env(LANGGRAPH_STRICT_MSGPACK="true"),
    )

    async def main() -> Any:
        async with stdio_client(parameters) as streams, ClientSession(*streams) as session:
            await session.initialize()
            return await scenario(session)

    return anyio.run(main)


def text_of(result: Any) -> str:
    assert result.content, result
    return "".join(part.text for part in result.content if part.type == "text")


def test_tools_are_listed_with_short_descriptions() -> None:
    async def scenario(session: ClientSession) -> Any:
        return (await session.list_tools()).tools

    tools = run_session(scenario)
    assert {tool.name for tool in tools} == {"ask", "services", "top"}
    described = []
    for tool in tools:
        described.append(tool.description or "")
        for schema in tool.input_schema.get("properties", {}).values():
            described.append(schema.get("description", ""))
    tokens = count_tokens("\n".join(described))
    # Every connected chat client pays for these tokens on every request.
    assert tokens < 300, tokens


def test_initialize_reports_the_installed_version(tmp_path: Path) -> None:
    parameters = StdioServerParameters(
        command=str(CLI),
        args=[
            "mcp",
            "--recording",
            str(TWO_SERVICES),
            "--repo",
            str(DEMO_REPO),
            "--state-dir",
            str(tmp_path / "state"),
        ],
        env=mcp_env(),
    )

    async def main() -> Any:
        async with stdio_client(parameters) as streams, ClientSession(*streams) as session:
            return (await session.initialize()).server_info

    info = anyio.run(main)
    assert info.name == "profile-insights"
    assert info.version == version("profile-insights") != ""


def test_services_and_top_answer_from_a_recording() -> None:
    profile = next((TWO_SERVICES / "profiles").glob("checkout-worker-*.pb.gz"))

    async def scenario(session: ClientSession) -> Any:
        services = await session.call_tool("services", {})
        top = await session.call_tool("top", {"path": str(profile), "rows": 5})
        missing = await session.call_tool("top", {"path": str(profile.with_suffix(".nope"))})
        return services, top, missing

    services, top, missing = run_session(scenario)
    listing = text_of(services)
    assert "checkout-api" in listing and "checkout-worker" in listing
    assert "process_cpu:cpu:nanoseconds:cpu:nanoseconds" in listing
    assert "https://github.com/acme/checkout" in listing
    table = text_of(top)
    assert not top.is_error
    assert "flat  flat%   sum%        cum   cum%" in table
    assert "Showing top 5 nodes out of" in table
    assert missing.is_error and "is not a file" in text_of(missing)


def test_ask_returns_the_service_question_then_the_report_for_the_answer() -> None:
    question = "Why is checkout slow?"

    async def scenario(session: ClientSession) -> Any:
        first = await session.call_tool("ask", {"question": question})
        pending = json.loads(text_of(first))
        wrong = await session.call_tool(
            "ask", {"question": question, "thread_id": pending["thread_id"], "answer": "cart"}
        )
        second = await session.call_tool(
            "ask",
            {"question": question, "thread_id": pending["thread_id"], "answer": "checkout-worker"},
        )
        return pending, wrong, second

    pending, wrong, second = run_session(scenario)
    assert pending["status"] == "needs_input"
    assert pending["question"]["kind"] == "choose_service"
    offered = {option["value"] for option in pending["question"]["options"]}
    assert {"checkout-api", "checkout-worker"} <= offered
    # A name that was not offered is refused and the same question is asked again.
    again = json.loads(text_of(wrong))
    assert again["thread_id"] == pending["thread_id"]
    assert again["question"]["kind"] == "choose_service"
    report = text_of(second)
    assert not second.is_error
    assert "checkout-worker" in report
    assert "pricing.validCoupon" in report
