"""`langgraph dev` serves langgraph.json's graph; langgraph-sdk asks, gets the question, resumes.

The in-memory LangGraph Server (langgraph-cli[inmem]) brings its own checkpointer, which is why
langgraph.json points at the module-level graph compiled without one. The run-time context
travels as JSON in ``context=`` and is coerced into :class:`Context` by LangGraph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_server_asks_which_service_then_resumes_to_the_report(
    langgraph_server: str, tmp_path: Path
) -> None:
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=langgraph_server)
    assert any(a["graph_id"] == "profile_insights" for a in client.assistants.search())
    thread = client.threads.create()
    context: dict[str, Any] = {
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


def test_server_streams_each_nodes_progress_in_order(langgraph_server: str, tmp_path: Path) -> None:
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=langgraph_server)
    thread = client.threads.create()
    steps: list[str] = []
    updates: list[Any] = []
    inputs: dict[str, Any] = {"question": "Why is checkout slow?", "services": ["checkout-worker"]}
    for part in client.runs.stream(
        thread["thread_id"],
        "profile_insights",
        input=inputs,
        context={
            "recording": str(TWO_SERVICES),
            "repo": str(DEMO_REPO),
            "cache_dir": str(tmp_path / "cache"),
        },
        stream_mode=["updates", "custom"],
    ):
        if part.event == "custom":
            steps.append(part.data["step"])
        elif part.event == "updates":
            updates.extend(part.data)
    assert steps == updates
    assert steps[0] == "check_tools" and steps[-1] == "render_report"
    assert "fetch_profile" in steps and "verify" in steps
