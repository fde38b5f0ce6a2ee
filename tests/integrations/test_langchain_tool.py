"""The LangChain tool inside real LangGraph host agents (StateGraph + ToolNode, fake chat model).

Two hosts: one without a checkpointer (it cannot be interrupted: the tool returns the question
and the host asks its user), and one with a checkpointer (the graph's interrupt pauses the host
and Command(resume=...) finishes the same tool call).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, tools_condition
from langgraph.types import Command
from pydantic import BaseModel

from profile_insights.agent.api import ToolArguments as ProfileInsightsArgs
from profile_insights.agent.api import make_context
from profile_insights.agent.tools import profile_insights_tool
from tests.conftest import REPO_ROOT
from tests.fake_models import FunctionChatModel

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"
QUESTION = "Why is checkout slow?"


def agent_turn(messages: list[BaseMessage]) -> AIMessage:
    """Answer like a tool-using host agent: call the tool, relay its question, or conclude."""
    last = messages[-1]
    if isinstance(last, HumanMessage):
        pending = _last_pending(messages)
        args: dict[str, Any] = {"question": QUESTION, "repo": str(DEMO_REPO)}
        if pending is not None:
            args.update(thread_id=pending["thread_id"], answer=str(last.content))
        call = {"name": "profile_insights", "args": args, "id": f"call-{len(messages)}"}
        message = AIMessage(content="", tool_calls=[call])
    elif isinstance(last, ToolMessage) and _pending(last) is not None:
        question = _pending(last)
        assert question is not None
        message = AIMessage(content=f"I need to know: {question['question']['message']}")
    else:
        message = AIMessage(content=f"Here is what I found:\n{last.content}")
    return message


def _pending(message: BaseMessage) -> dict[str, Any] | None:
    if not isinstance(message, ToolMessage):
        return None
    try:
        payload = json.loads(str(message.content))
    except json.JSONDecodeError:
        return None
    return payload if isinstance(payload, dict) and payload.get("status") == "needs_input" else None


def _last_pending(messages: list[BaseMessage]) -> dict[str, Any] | None:
    for message in reversed(messages[:-1]):
        if isinstance(message, ToolMessage):
            return _pending(message)
    return None


def host_agent(checkpointer: InMemorySaver | None = None) -> Any:
    """A minimal ReAct host made of langgraph's own classes."""
    tool = profile_insights_tool(make_context(recording=TWO_SERVICES, repo=DEMO_REPO))
    model = FunctionChatModel(reply=agent_turn).bind_tools([tool])

    def agent(state: MessagesState) -> dict[str, Any]:
        return {"messages": [model.invoke(state["messages"])]}

    builder = StateGraph(MessagesState)
    builder.add_node("agent", agent)
    builder.add_node("tools", ToolNode([tool]))
    builder.add_edge(START, "agent")
    builder.add_conditional_edges("agent", tools_condition)
    builder.add_edge("tools", "agent")
    return builder.compile(checkpointer=checkpointer)


def test_args_schema_is_what_the_model_sees() -> None:
    tool = profile_insights_tool(make_context(recording=TWO_SERVICES, repo=DEMO_REPO))
    call_schema = tool.tool_call_schema
    assert isinstance(call_schema, type) and issubclass(call_schema, BaseModel)
    schema = call_schema.model_json_schema()
    assert set(schema["properties"]) == set(ProfileInsightsArgs.model_fields)
    assert schema["required"] == ["question"]
    assert "config" not in schema["properties"]


@pytest.mark.slow
def test_host_without_checkpointer_gets_the_question_and_calls_again_with_the_answer() -> None:
    host = host_agent()
    first = host.invoke({"messages": [HumanMessage(QUESTION)]})
    tool_messages = [m for m in first["messages"] if isinstance(m, ToolMessage)]
    pending = _pending(tool_messages[-1])
    assert pending is not None and pending["question"]["kind"] == "choose_service"
    assert {"checkout-api", "checkout-worker"} <= {
        option["value"] for option in pending["question"]["options"]
    }
    assert first["messages"][-1].content.startswith("I need to know:")

    # The host's user answers; the model passes thread_id and answer back to the tool.
    second = host.invoke({"messages": [*first["messages"], HumanMessage("checkout-worker")]})
    report = [m for m in second["messages"] if isinstance(m, ToolMessage)][-1]
    assert _pending(report) is None
    assert "pricing.validCoupon" in str(report.content)
    assert report.artifact["services"] == ["checkout-worker"]
    assert "pricing.validCoupon" in second["messages"][-1].content


@pytest.mark.slow
def test_host_with_checkpointer_is_interrupted_and_resumes_the_same_tool_call() -> None:
    host = host_agent(InMemorySaver())
    config = {"configurable": {"thread_id": "host-1"}}
    first = host.invoke({"messages": [HumanMessage(QUESTION)]}, config)
    interrupts = first["__interrupt__"]
    assert len(interrupts) == 1
    question = interrupts[0].value
    assert question["kind"] == "choose_service"
    assert not any(isinstance(m, ToolMessage) for m in first["messages"])

    final = host.invoke(Command(resume={"services": ["checkout-worker"]}), config)
    assert "__interrupt__" not in final
    report = [m for m in final["messages"] if isinstance(m, ToolMessage)][-1]
    assert "pricing.validCoupon" in str(report.content)
    assert report.artifact["services"] == ["checkout-worker"]
