"""The run-time context as LangGraph Server sees it: a described schema, JSON in, named errors.

The server builds ``Context(**context)`` from a run's JSON on its event loop and publishes
``graph.get_context_jsonschema()``; these tests pin both without a server (the server itself is
driven in ``tests/integrations/test_langgraph_server.py``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from profile_insights.agent.errors import ConfigurationError, UserInputError
from profile_insights.agent.pyroscope.credentials import ServerAddress
from profile_insights.graph.builder import build_graph
from profile_insights.graph.context import Context, Limits
from profile_insights.graph.questions import (
    BaselineAnswer,
    ConnectionAnswer,
    ServiceAnswer,
    parse_answer,
    response_schema,
)
from profile_insights.graph.server import graph
from tests.conftest import REPO_ROOT

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"


def test_the_graph_publishes_a_context_schema_with_every_field_described() -> None:
    schema = graph.get_context_jsonschema()
    assert schema is not None
    fields = schema["properties"]
    assert set(fields) == {
        "repo",
        "recording",
        "connection",
        "interactive",
        "output_format",
        "use_pprof_tool",
        "cache_dir",
        "timeout",
        "limits",
    }
    assert all(field["description"] for field in fields.values())
    assert fields["repo"]["default"] is None and fields["output_format"]["default"] == "markdown"
    address = schema["$defs"]["ServerAddress"]["properties"]
    assert address["url"]["description"] and address["tenant"]["description"]
    limits = schema["$defs"]["Limits"]["properties"]
    assert {name: field["default"] for name, field in limits.items()} == Limits().__dict__


def test_a_json_context_becomes_typed_values() -> None:
    # As LangGraph Server passes it: JSON values, coerced by Context(**context).
    json_context: dict[str, Any] = {
        "repo": "/src/checkout",
        "recording": "/data/recording",
        "connection": {"url": "http://localhost:4040", "tenant": "team-a"},
        "limits": {"rows": 5},
        "cache_dir": "",
    }
    context = Context(**json_context)
    assert context.repo == Path("/src/checkout") and context.recording == Path("/data/recording")
    assert context.connection == ServerAddress(url="http://localhost:4040", tenant="team-a")
    assert context.limits == Limits(rows=5)
    assert context.cache_dir is None  # an empty form field means "the default"


def test_building_a_context_touches_no_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    # LangGraph Server builds the context on its event loop, where blocking calls fail the run.
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("blocking call while building the context")

    monkeypatch.setattr(os, "getcwd", refuse)
    monkeypatch.setattr(Path, "mkdir", refuse)
    Context()
    json_context: dict[str, Any] = {"repo": "relative/checkout", "cache_dir": "relative/cache"}
    Context(**json_context)


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ({"repo": 5}, '"repo": 5, not a path'),
        ({"limits": {"rowz": 3}}, "unknown keys ['rowz']"),
        ({"limits": {"rows": "many"}}, "\"limits.rows\": 'many', not a whole number"),
        ({"connection": "http://x"}, "\"connection\": 'http://x', not an object"),
        ({"connection": {"token": "secret"}}, "unknown keys ['token']"),
        ({"interactive": "yes"}, "\"interactive\": 'yes', not a boolean"),
        ({"output_format": "pdf"}, "\"output_format\": 'pdf', not a format"),
    ],
)
def test_a_wrong_context_value_is_named_with_what_to_put_there(
    value: dict[str, Any], named: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        Context(**value)
    field = next(iter(value))
    assert named in caught.value.message
    assert f'Set "{field}" to ' in caught.value.hint
    assert isinstance(caught.value, ValueError)  # so LangGraph Server shows the message


def test_a_run_without_repo_stops_at_the_first_step_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match='context has no "repo"') as caught:
        graph.invoke({"question": "Why is checkout slow?"})
    assert '"repo": "/src/checkout"' in caught.value.hint
    missing = Context(repo=tmp_path, recording=tmp_path / "nowhere", cache_dir=tmp_path / "c")
    with pytest.raises(ConfigurationError, match="which is not a directory"):
        graph.invoke({"question": "Why is checkout slow?"}, context=missing)


@pytest.mark.parametrize(
    "answer", ["checkout-worker", ["checkout-worker"], {"services": ["checkout-worker"]}]
)
def test_the_service_question_takes_the_object_or_the_plain_name(
    answer: Any, tmp_path: Path
) -> None:
    app = build_graph(checkpointer=InMemorySaver())
    config: RunnableConfig = {"configurable": {"thread_id": "t"}}
    context = Context(
        repo=REPO_ROOT / "agent/demo/service", recording=TWO_SERVICES, cache_dir=tmp_path
    )
    first = app.invoke({"question": "Why is checkout slow?"}, config, context=context)
    interrupt = first["__interrupt__"][0]
    assert interrupt.value["kind"] == "choose_service"
    assert interrupt.response_schema == response_schema("choose_service")
    resume: Command[Any] = Command(resume=answer)
    final = app.invoke(resume, config, context=context)
    assert final["chosen_services"] == ["checkout-worker"]
    assert final["report"]["services"] == ["checkout-worker"]


def test_a_refused_answer_asks_again_with_the_reason(tmp_path: Path) -> None:
    app = build_graph(checkpointer=InMemorySaver())
    config: RunnableConfig = {"configurable": {"thread_id": "t"}}
    context = Context(
        repo=REPO_ROOT / "agent/demo/service", recording=TWO_SERVICES, cache_dir=tmp_path
    )
    app.invoke({"question": "Why is checkout slow?"}, config, context=context)
    refused: Command[Any] = Command(resume={"services": []})
    again = app.invoke(refused, config, context=context)
    message = again["__interrupt__"][0].value["message"]
    assert message.startswith("the answer was refused: services: List should have at least 1")


def test_parse_answer_reads_each_documented_form() -> None:
    assert parse_answer("choose_service", "a, b") == ServiceAnswer(services=["a", "b"])
    assert parse_answer("choose_service", {"services": "a,b"}) == ServiceAnswer(services=["a", "b"])
    assert parse_answer("configure_connection", "http://localhost:4040/") == ConnectionAnswer(
        url="http://localhost:4040"
    )
    assert parse_answer("configure_connection", "retry") == ConnectionAnswer(retry=True)
    assert parse_answer("choose_baseline", " 3f2c1ab ") == BaselineAnswer(baseline="3f2c1ab")
    assert parse_answer("choose_baseline", {"baseline": "yesterday"}).baseline == "yesterday"
    # Every question publishes both forms, so a server client knows the plain value works.
    for kind in ("choose_service", "choose_baseline", "configure_connection"):
        forms = response_schema(kind)["anyOf"]
        assert {"object", "string"} <= {form.get("type") for form in forms}
    with pytest.raises(UserInputError, match="url: put credentials in the token") as caught:
        parse_answer("configure_connection", "http://user:hunter2@localhost:4040")
    assert "hunter2" not in str(caught.value)
