"""MCP threads outlive the server: ask on one server process, answer on the next.

Driven by the official ``mcp`` SDK's stdio client, as a chat host would. The second server is
started with another default checkout and another recording: the answer must still run on
the repo and recording of the call that asked, which only the thread store remembers.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from profile_insights.agent.demo import create_demo_repo
from tests.conftest import REPO_ROOT
from tests.graph.conftest import CPU, Entry, write_recording

CLI = Path(sys.executable).parent / "profile-insights"
TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def serve(
    scenario: Callable[[ClientSession, Any], Awaitable[Any]],
    *args: str,
    home: Path,
    env: dict[str, str] | None = None,
) -> Any:
    """Start ``profile-insights mcp ARGS`` over stdio, run ``scenario``, stop the server."""
    parameters = StdioServerParameters(
        command=str(CLI),
        args=["mcp", *args],
        env={
            "LANGGRAPH_STRICT_MSGPACK": "true",
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home),
            **(env or {}),
        },
    )

    async def main() -> Any:
        async with stdio_client(parameters) as streams, ClientSession(*streams) as session:
            initialized = await session.initialize()
            return await scenario(session, initialized)

    return anyio.run(main)


def text_of(result: Any) -> str:
    return "".join(part.text for part in result.content if part.type == "text")


Stores = tuple[list[str], list[str], dict[str, str]]


@pytest.fixture(params=["sqlite", "postgres"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Stores:
    """Return the store options of the first server, then of the second and its environment."""
    if request.param == "sqlite":
        state = ["--state-dir", str(tmp_path / "state")]
        return state, state, {}
    database: str = request.getfixturevalue("database")
    # Each server has a home and state directory of its own: only the database is shared, by
    # --state for the first and PROFILE_INSIGHTS_DATABASE_URL for the second.
    return ["--state", database], [], {"PROFILE_INSIGHTS_DATABASE_URL": database}


def test_a_question_asked_before_a_restart_is_answered_on_the_first_calls_repo(
    tmp_path: Path, stores: Stores, demo_cpu: bytes
) -> None:
    first_store, second_store, second_env = stores
    checkout = tmp_path / "checkout"
    create_demo_repo(checkout)
    elsewhere = tmp_path / "elsewhere"  # the second server's default checkout: another repo
    elsewhere.mkdir()
    other_recording = write_recording(
        tmp_path / "other-recording", [Entry("inventory", CPU, demo_cpu, ago=timedelta(minutes=5))]
    )

    async def ask(session: ClientSession, initialized: Any) -> Any:
        first = await session.call_tool(
            "ask", {"question": "Why is checkout slow?", "repo": str(checkout)}
        )
        return initialized.server_info, json.loads(text_of(first))

    info, pending = serve(
        ask,
        "--recording",
        str(TWO_SERVICES),
        "--repo",
        str(elsewhere),
        *first_store,
        home=tmp_path / "home-1",
    )
    assert info.name == "profile-insights" and info.version == version("profile-insights")
    assert pending["status"] == "needs_input" and pending["question"]["kind"] == "choose_service"

    async def answer(session: ClientSession, _: Any) -> Any:
        report = await session.call_tool(
            "ask",
            {
                "question": "Why is checkout slow?",
                "thread_id": pending["thread_id"],
                "answer": "checkout-worker",
            },
        )
        unknown = await session.call_tool(
            "ask", {"question": "?", "thread_id": "no-such-thread", "answer": "x"}
        )
        return report, unknown

    report, unknown = serve(
        answer,
        "--recording",
        str(other_recording),
        "--repo",
        str(elsewhere),
        *second_store,
        home=tmp_path / "home-2",
        env=second_env,
    )
    text = text_of(report)
    assert not report.is_error, text
    assert "checkout-worker" in text  # the first call's recording: this one has no checkout
    assert "**internal/pricing/pricing.go:61**" in text  # found in the first call's checkout
    assert unknown.is_error
    message = " ".join(text_of(unknown).split())
    assert "no thread no-such-thread in " in message
    option = "--state-dir" if "--state-dir" in first_store else "--state"
    assert f"a server started with the same {option}" in message
    assert not list(tmp_path.glob("home-*/**/threads.sqlite"))  # no SQLite default store
