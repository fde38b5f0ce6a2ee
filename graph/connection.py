"""Seed step 2: check the connection with the first query, and ask how to connect when it fails.

The check is the seed's series query over ``__profile_type__`` for the last day; it remembers
the profile types the server has. A failure (no URL, an unreachable server, refused
credentials) leads to the configuration question, which loops back to the check.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from profile_insights.agent.errors import (
    AuthenticationError,
    ConfigurationError,
    ConnectionFailedError,
    UserInputError,
)
from profile_insights.agent.pyroscope.limits import DAY
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.questions import (
    Question,
    parse_answer,
    response_schema,
)
from profile_insights.graph.sources import settings_for, source_of
from profile_insights.graph.state import ConnectionProblem, State


def check_connection(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Run the seed's first query (series of ``__profile_type__``) and remember the types."""
    context = context_of(runtime)
    tools = dict(state.get("tools") or {})
    attempts = state.get("connection_attempts", 0) + 1
    connection = state.get("connection") or {}
    if tools.get("source_kind") in ("profilecli", "http") and context.source is None:
        settings = settings_for(context, connection.get("url"), connection.get("tenant"))
        if not settings.url:
            problem: ConnectionProblem = {
                "kind": "unset",
                "message": "PROFILECLI_URL is not set, so there is no Pyroscope server to ask.",
            }
            emit("check_connection", problem["message"])
            return {"connection_problem": problem, "connection_attempts": attempts}
    try:
        source = source_of(state, context)
        now = source.now()
        series = source.series("{}", ["__profile_type__"], now - DAY, now)
    except AuthenticationError as error:
        problem = {"kind": "auth", "message": error.message}
    except (ConnectionFailedError, ConfigurationError) as error:
        problem = {"kind": "unreachable", "message": error.message}
    else:
        types = sorted(
            {s.labels["__profile_type__"] for s in series if "__profile_type__" in s.labels}
        )
        tools["source"] = source.describe()
        emit("check_connection", f"connected to {tools['source']}: {len(types)} profile types")
        return {
            "tools": tools,
            "available_types": types,
            "connection_problem": None,
            "connection_attempts": attempts,
        }
    emit("check_connection", f"connection failed ({problem['kind']}): {problem['message']}")
    return {"connection_problem": problem, "connection_attempts": attempts}


def configuration_question(problem: ConnectionProblem, refused: str | None = None) -> Question:
    """Return the question that explains the two ways to connect, the error seen, a refusal."""
    message = (
        (f"{refused}\n" if refused else "")
        + f"profile-insights cannot query Pyroscope: {problem['message']}\n"
        "Connect in one of two ways:\n"
        "  a) a local Pyroscope on port 4040: answer http://localhost:4040\n"
        "  b) Grafana: answer the data-source proxy URL "
        "https://<grafana>/api/datasources/proxy/uid/<datasource-uid> and provide a Grafana "
        "service-account token with the Viewer role (PROFILECLI_TOKEN, or the token prompt; "
        "it is kept in memory only).\n"
        "Answer with a URL (optionally a tenant), or 'retry' once the environment is fixed."
    )
    if problem["kind"] == "auth":
        message += "\nThe server refused the credentials: check the token and the tenant ID."
    return Question(
        kind="configure_connection",
        message=message,
        options=[
            {"value": "http://localhost:4040", "label": "a local Pyroscope on :4040"},
            {
                "value": "https://<grafana>/api/datasources/proxy/uid/<datasource-uid>",
                "label": "a Grafana data-source proxy URL (with a Viewer token)",
            },
            {"value": "retry", "label": "retry with the current settings"},
        ],
    )


def await_configuration(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["check_connection", "await_configuration"]]:
    """Ask how to connect (an interrupt), then go back to the connection check.

    The answer holds a URL, a tenant or "retry"; a token never travels in it: the caller puts
    it in the context's secret store before resuming.
    """
    problem = state.get("connection_problem") or {"kind": "error", "message": "unknown error"}
    context = context_of(runtime)
    if state.get("connection_attempts", 0) > context.limits.max_connection_attempts:
        error = AuthenticationError if problem["kind"] == "auth" else ConnectionFailedError
        raise error(
            f"still cannot query Pyroscope after {context.limits.max_connection_attempts}"
            f" attempts: {problem['message']}"
        )
    question = configuration_question(problem, state.get("answer_error"))
    reply = interrupt(
        question.model_dump(), response_schema=response_schema("configure_connection")
    )
    try:
        answer = parse_answer("configure_connection", reply)
    except UserInputError as error:
        # Asked again, saying why; the reason never repeats the value (it may hold a password).
        emit("await_configuration", f"refused the answer: {error.message}")
        return Command(goto="await_configuration", update={"answer_error": error.message})
    connection = dict(state.get("connection") or {})
    if answer.url:
        connection["url"] = answer.url
    if answer.tenant:
        connection["tenant"] = answer.tenant
    emit("await_configuration", f"answer received: {connection.get('url') or 'retry'}")
    return Command(goto="check_connection", update={"connection": connection, "answer_error": None})
