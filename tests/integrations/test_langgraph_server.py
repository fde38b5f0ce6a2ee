"""`langgraph dev` serves langgraph.json's graph; langgraph-sdk asks, gets the question, resumes.

The in-memory LangGraph Server (langgraph-cli[inmem]) brings its own checkpointer, which is why
langgraph.json points at the module-level graph compiled without one. The run-time context
travels as JSON in ``context=`` and is coerced into :class:`Context` by LangGraph; the server
publishes its schema (and drops keys the schema does not list).
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


def test_server_publishes_the_input_and_context_schemas(langgraph_server: str) -> None:
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=langgraph_server)
    assistant = next(a for a in client.assistants.search() if a["graph_id"] == "profile_insights")
    schemas = client.assistants.get_schemas(assistant["assistant_id"])
    context = schemas["context_schema"]
    assert context is not None and context["title"] == "Context"
    fields = context["properties"]
    assert {"repo", "recording", "connection", "cache_dir", "limits", "output_format"} <= set(
        fields
    )
    # Every JSON field says what it is; a token, a chat model or a source never travel as JSON.
    assert all(field.get("description") for field in fields.values())
    assert not {"secrets", "model", "source", "source_factory"} & set(fields)
    assert fields["output_format"]["default"] == "markdown"
    assert context["$defs"]["Limits"]["properties"]["rows"]["default"] == 15
    inputs = schemas["input_schema"]
    assert inputs is not None and "question" in inputs["properties"]
    assert inputs["properties"]["question"]["description"]
    # Issue 11's comparison options are input fields too, under the API's names.
    compared = {"baseline_from", "baseline_to", "baseline_ref", "ref", "breakdown_label"}
    assert compared <= set(inputs["properties"])
    assert all(inputs["properties"][name]["description"] for name in compared)


def test_server_compares_two_deploys_given_in_the_input(
    langgraph_server: str, tmp_path: Path
) -> None:
    from langgraph_sdk import get_sync_client

    case = REPO_ROOT / "evals/cases/go-deploy-cpu-receipt"
    client = get_sync_client(url=langgraph_server)
    thread = client.threads.create()
    final = client.runs.wait(
        thread["thread_id"],
        "profile_insights",
        input={"question": "Why is checkout slow?", "baseline_ref": "0f7bc656", "ref": "ac5cba42"},
        context={
            "recording": str(case / "recording"),
            "repo": str(case / "service"),
            "cache_dir": str(tmp_path / "cache"),
        },
    )
    assert isinstance(final, dict)
    comparison = final["report"]["comparison"]
    assert comparison["baseline"]["git_refs"] == ["0f7bc65695f6e106e3d748a083a76ccda2a9fd1f"]
    assert comparison["current"]["git_refs"] == ["ac5cba4248296bbd15dbfbcdb597b0b5d4314a9f"]


def test_server_run_without_context_names_the_missing_repo(langgraph_server: str) -> None:
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=langgraph_server)
    thread = client.threads.create()
    with pytest.raises(Exception, match='ConfigurationError: the run\'s context has no "repo"'):
        client.runs.wait(
            thread["thread_id"], "profile_insights", input={"question": "Why is checkout slow?"}
        )
    # A wrong value is named too, with what to put there (not "An internal error occurred").
    thread = client.threads.create()
    with pytest.raises(Exception, match=r"\"limits\" with unknown keys \['rowz'\]") as caught:
        client.runs.wait(
            thread["thread_id"],
            "profile_insights",
            input={"question": "Why is checkout slow?"},
            context={"repo": str(DEMO_REPO), "limits": {"rowz": 3}},
        )
    assert 'e.g. "limits": {"rows": 15' in str(caught.value)


def test_server_resumes_with_a_plain_service_name(langgraph_server: str) -> None:
    from langgraph_sdk import get_sync_client

    client = get_sync_client(url=langgraph_server)
    thread = client.threads.create()
    context = {"recording": str(TWO_SERVICES), "repo": str(DEMO_REPO)}
    first = client.runs.wait(
        thread["thread_id"],
        "profile_insights",
        input={"question": "Why is checkout slow?"},
        context=context,
    )
    assert isinstance(first, dict) and first["__interrupt__"]
    # A name that was not offered is refused by asking again, saying why.
    again = client.runs.wait(
        thread["thread_id"], "profile_insights", command={"resume": "ingester"}, context=context
    )
    assert isinstance(again, dict)
    assert "'ingester' is not one of the services" in again["__interrupt__"][0]["value"]["message"]
    final = client.runs.wait(
        thread["thread_id"],
        "profile_insights",
        command={"resume": "checkout-worker"},
        context=context,
    )
    assert isinstance(final, dict)
    assert final["report"]["services"] == ["checkout-worker"]
