"""`langgraph dev` serves langgraph.json's graph; langgraph-sdk asks, gets the question, resumes.

The in-memory LangGraph Server (langgraph-cli[inmem]) brings its own checkpointer, which is why
langgraph.json points at the module-level graph compiled without one. The run-time context
travels as JSON in ``context=`` and is coerced into :class:`Context` by LangGraph.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO_ROOT, require

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"
LANGGRAPH = Path(sys.executable).parent / "langgraph"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require(LANGGRAPH.exists(), "langgraph-cli[inmem] is not installed (dev extra)")
    work = tmp_path_factory.mktemp("langgraph-dev")
    port = free_port()
    log = (work / "server.log").open("w")
    # Run from a scratch directory: the dev server keeps its data in ./.langgraph_api.
    process = subprocess.Popen(
        [
            str(LANGGRAPH),
            "dev",
            "--config",
            str(REPO_ROOT / "langgraph.json"),
            "--no-browser",
            "--no-reload",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=work,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LANGSMITH_TRACING": "false", "LANGCHAIN_TRACING_V2": "false"},
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"

    def log_tail() -> str:
        return (work / "server.log").read_text()[-3000:]

    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"langgraph dev exited:\n{log_tail()}")
            try:
                if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"langgraph dev not ready:\n{log_tail()}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_server_asks_which_service_then_resumes_to_the_report(
    server_url: str, tmp_path: Path
) -> None:
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=server_url)
    assert any(a["graph_id"] == "profile_insights" for a in client.assistants.search())
    thread = client.threads.create()
    context = {
        "recording": str(TWO_SERVICES),
        "repo": str(DEMO_REPO),
        "interactive": False,
        "cache_dir": str(tmp_path / "cache"),
    }
    first = client.runs.wait(
        thread["thread_id"],
        "profile_insights",
        input={"question": "Why is checkout slow?"},
        context=context,
    )
    assert isinstance(first, dict)
    interrupts = first["__interrupt__"]
    assert len(interrupts) == 1
    question = interrupts[0]["value"]
    assert question["kind"] == "choose_service"
    assert {"checkout-api", "checkout-worker"} <= {o["value"] for o in question["options"]}
    # interrupt(response_schema=ServiceAnswer) publishes the answer's JSON Schema to clients.
    assert "services" in str(interrupts[0].get("response_schema"))

    final = client.runs.wait(
        thread["thread_id"],
        "profile_insights",
        command={"resume": {"services": ["checkout-worker"]}},
        context=context,
    )
    assert isinstance(final, dict)
    assert "__interrupt__" not in final
    assert final["report"]["services"] == ["checkout-worker"]
    assert any(
        row["function"].endswith("pricing.validCoupon") for row in final["report"]["hot_functions"]
    )
    assert "pricing.validCoupon" in final["rendered"]
    state = client.threads.get_state(thread["thread_id"])
    assert state["next"] == []
